#!/usr/bin/env python3
"""Derives kb/default.nt, the knowledge base newskg ships, from a Wikidata-shaped N-Triples file.

Usage: python3 kb/derive_default.py SAMPLE.nt > kb/default.nt

Keeps the entities whose English label is one of the names below (countries, capitals and major
cities, international organisations, government bodies, news agencies and people that world news
mention most), with their label, aliases and types as the source gives them. The Wikidata IDs are
facts taken from the source; the name lists are general knowledge, not drawn from any test corpus.
"""
import re
import sys

COUNTRIES = """Afghanistan Albania Algeria Andorra Angola Argentina Armenia Australia Austria Azerbaijan
Bahamas Bahrain Bangladesh Barbados Belarus Belgium Belize Benin Bhutan Bolivia Botswana Brazil Brunei
Bulgaria Burundi Cambodia Cameroon Canada Chad Chile China Colombia Comoros Croatia Cuba Cyprus
Denmark Djibouti Dominica Ecuador Egypt Eritrea Estonia Eswatini Ethiopia Fiji Finland France Gabon
Gambia Georgia Germany Ghana Greece Grenada Guatemala Guinea Guyana Haiti Honduras Hungary Iceland
India Indonesia Iran Iraq Ireland Israel Italy Jamaica Japan Jordan Kazakhstan Kenya Kiribati Kosovo
Kuwait Kyrgyzstan Laos Latvia Lebanon Lesotho Liberia Libya Liechtenstein Lithuania Luxembourg
Madagascar Malawi Malaysia Maldives Mali Malta Mauritania Mauritius Mexico Moldova Monaco Mongolia
Montenegro Morocco Mozambique Myanmar Namibia Nauru Nepal Netherlands Nicaragua Niger Nigeria Norway
Oman Pakistan Palau Palestine Panama Paraguay Peru Philippines Poland Portugal Qatar Romania Russia
Rwanda Samoa Senegal Serbia Seychelles Singapore Slovakia Slovenia Somalia Spain Sudan Suriname Sweden
Switzerland Syria Taiwan Tajikistan Tanzania Thailand Togo Tonga Tunisia Turkey Turkmenistan Tuvalu
Uganda Ukraine Uruguay Uzbekistan Vanuatu Venezuela Vietnam Yemen Zambia Zimbabwe""".split()
COUNTRIES += ["United States", "United States of America", "United Kingdom", "South Africa",
              "South Korea", "North Korea", "Saudi Arabia", "New Zealand", "Sri Lanka",
              "Czech Republic", "United Arab Emirates", "Costa Rica", "El Salvador",
              "Dominican Republic", "Ivory Coast", "Sierra Leone", "South Sudan", "Burkina Faso",
              "Papua New Guinea", "Bosnia and Herzegovina", "North Macedonia", "Vatican City",
              "Democratic Republic of the Congo", "Republic of the Congo", "East Timor",
              "Central African Republic", "Equatorial Guinea", "Trinidad and Tobago",
              "England", "Scotland", "Wales", "Northern Ireland", "Britain", "Great Britain"]
CITIES = """Kabul Tirana Algiers Luanda Yerevan Canberra Vienna Baku Manama Dhaka Minsk Brussels
Sofia Ottawa Santiago Beijing Bogota Havana Nicosia Prague Copenhagen Cairo Tallinn Helsinki Paris
Tbilisi Berlin Accra Athens Budapest Reykjavik Jakarta Tehran Baghdad Dublin Jerusalem Rome Tokyo Amman
Nairobi Pristina Riga Beirut Tripoli Vilnius Luxembourg Valletta Moscow Warsaw Lisbon Doha Bucharest
Kigali Riyadh Dakar Belgrade Singapore Bratislava Ljubljana Mogadishu Madrid Khartoum Stockholm Bern
Damascus Taipei Bangkok Tunis Ankara Kampala Kiev Kyiv Montevideo Tashkent Caracas Hanoi Lusaka Harare
Islamabad Manila Oslo Lima Kathmandu Pyongyang Seoul Wellington Brasilia Ottawa Muscat Bamako
Washington London Delhi Mumbai Shanghai Istanbul Aleppo Homs Mosul Raqqa Benghazi Gaza Geneva
Strasbourg Hamburg Munich Frankfurt Milan Barcelona Marseille Lyon Sydney Melbourne Toronto Montreal
Vancouver Chicago Boston Houston Dallas Philadelphia Atlanta Miami Seattle Detroit Baltimore
Karachi Lahore Kandahar Sanaa Aden Dubai Jeddah Mecca Medina Hong Kong Macau Osaka Shenzhen
Chennai Kolkata Bangalore Lagos Johannesburg Nairobi Addis Ababa Casablanca Alexandria""".split()
CITIES += ["New Delhi", "Buenos Aires", "Mexico City", "Kuala Lumpur", "Abu Dhabi", "Addis Ababa",
           "Hong Kong", "Tel Aviv", "New York", "New York City", "Los Angeles", "San Francisco",
           "Cape Town", "Rio de Janeiro", "Sao Paulo", "São Paulo", "St. Petersburg",
           "Saint Petersburg", "Washington, D.C.", "The Hague", "Ho Chi Minh City", "West Bank",
           "Gaza Strip", "Crimea", "Middle East", "Europe", "Asia", "Africa", "North America",
           "South America", "Latin America", "Gulf", "Persian Gulf"]
ORGS = ["United Nations", "United Nations Security Council", "United Nations General Assembly",
        "NATO", "North Atlantic Treaty Organization", "European Union", "European Commission",
        "European Parliament", "European Central Bank", "Council of Europe", "African Union",
        "Arab League", "ASEAN", "Association of Southeast Asian Nations", "OPEC",
        "World Health Organization", "International Monetary Fund", "World Bank",
        "World Trade Organization", "International Atomic Energy Agency", "UNESCO", "UNICEF",
        "International Criminal Court", "International Court of Justice", "Interpol",
        "International Committee of the Red Cross", "Red Cross", "Amnesty International",
        "Human Rights Watch", "Doctors Without Borders", "Médecins Sans Frontières",
        "Organization for Security and Co-operation in Europe", "G7", "G20", "Group of Seven",
        "Islamic State", "Islamic State of Iraq and the Levant", "ISIS", "Al-Qaeda", "al-Qaeda",
        "Taliban", "Hezbollah", "Hamas", "Free Syrian Army",
        "United States Department of State", "United States Department of Defense", "The Pentagon",
        "White House", "United States Congress", "United States Senate",
        "United States House of Representatives", "Supreme Court of the United States",
        "Federal Bureau of Investigation", "Central Intelligence Agency", "Federal Reserve",
        "Federal Reserve System", "Kremlin", "Moscow Kremlin", "Downing Street",
        "Democratic Party", "Republican Party", "Labour Party", "Conservative Party",
        "Reuters", "Associated Press", "The Associated Press", "Agence France-Presse",
        "United Press International", "BBC", "CNN", "Al Jazeera", "The New York Times",
        "The Washington Post", "Xinhua News Agency", "TASS"]
PEOPLE = ["Vladimir Putin", "Barack Obama", "Donald Trump", "Joe Biden", "Hillary Clinton",
          "Bill Clinton", "George W. Bush", "John Kerry", "Sergei Lavrov", "Dmitry Medvedev",
          "Angela Merkel", "Emmanuel Macron", "François Hollande", "Theresa May", "David Cameron",
          "Boris Johnson", "Xi Jinping", "Shinzo Abe", "Narendra Modi", "Recep Tayyip Erdoğan",
          "Bashar al-Assad", "Benjamin Netanyahu", "Mahmoud Abbas", "Hassan Rouhani",
          "Ali Khamenei", "Kim Jong-un", "Ban Ki-moon", "António Guterres", "Pope Francis",
          "Mike Pompeo", "Rex Tillerson", "Condoleezza Rice", "Nancy Pelosi", "Mitch McConnell",
          "Justin Trudeau", "Jacinda Ardern", "Malcolm Turnbull", "Volodymyr Zelensky",
          "Petro Poroshenko", "Abdel Fattah el-Sisi", "Muammar Gaddafi", "Saddam Hussein",
          "Osama bin Laden", "Abu Bakr al-Baghdadi", "Elizabeth II", "Queen Elizabeth II"]

WANTED = {n.casefold() for n in COUNTRIES + CITIES + ORGS + PEOPLE}
LINE = re.compile(r'^(<[^>]+>) (<[^>]+>) (.*) \.\s*$')
LABEL = "<http://www.w3.org/2000/01/rdf-schema#label>"


def main(path):
    triples = {}
    keep = set()
    with open(path, encoding="utf-8") as f:
        for line in f:
            m = LINE.match(line)
            if not m:
                continue
            s, p, o = m.groups()
            triples.setdefault(s, []).append((p, o))
            if p == LABEL:
                value = o.rsplit("@", 1)[0].strip('"')
                if value.casefold() in WANTED:
                    keep.add(s)
    print("# newskg default knowledge base: countries, capitals and major cities, international")
    print("# organisations, government bodies, news agencies and people often in world news.")
    print("# Derived by kb/derive_default.py from wikidata-news-sample.nt (a Wikidata-shaped sample")
    print("# built from public entity-linking benchmarks); IDs, labels and aliases are facts from")
    print("# Wikidata (CC0). Regenerate with: python3 kb/derive_default.py SAMPLE.nt > kb/default.nt")
    for s in sorted(keep, key=lambda s: int(s.rsplit("Q", 1)[1].rstrip(">")) if "Q" in s else 0):
        for p, o in triples[s]:
            print(f"{s} {p} {o} .")
    print(f"# {len(keep)} entities", file=sys.stderr)


if __name__ == "__main__":
    main(sys.argv[1])
