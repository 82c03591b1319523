//! Time expressions ("Tuesday", "next week", "March 16") resolved against the article date.
