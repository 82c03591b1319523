//! RDF in responses: serializers that write the server's prefixes, and a response body that
//! serialises quads as the client reads them.

use std::cell::RefCell;
use std::io::{self, Read, Write};
use std::rc::Rc;

use oxhttp::model::{Body, HeaderValue, Response, header};
use oxigraph::io::{RdfFormat, RdfSerializer, WriterQuadSerializer};
use oxigraph::model::GraphName;
use oxigraph::store::QuadIter;

use super::PREFIXES;

/// A serializer of `format` to `writer`, with the server's prefixes where the format has them.
pub(super) fn rdf_serializer<W: Write>(format: RdfFormat, writer: W) -> WriterQuadSerializer<W> {
    let mut serializer = RdfSerializer::from_format(format);
    if matches!(format, RdfFormat::Turtle | RdfFormat::TriG) {
        for (prefix, iri) in PREFIXES {
            if let Ok(s) = serializer.clone().with_prefix(prefix, iri) {
                serializer = s;
            }
        }
    }
    serializer.for_writer(writer)
}

/// A response body serialising quads as the client reads it, so that dumping a large graph
/// needs no memory beyond a buffer.
pub(super) fn stream(
    quads: QuadIter<'static>,
    format: RdfFormat,
    graph: Option<GraphName>,
) -> Response<Body> {
    let buffer = SharedBuffer::default();
    let serializer = rdf_serializer(format, buffer.clone());
    let reader = QuadReader {
        quads,
        serializer: Some(serializer),
        buffer,
        as_triples: graph.is_some(),
        offset: 0,
    };
    let mut response = Response::new(Body::from_read(reader));
    if let Ok(value) = HeaderValue::from_str(format.media_type()) {
        response.headers_mut().insert(header::CONTENT_TYPE, value);
    }
    response
}

#[derive(Clone, Default)]
struct SharedBuffer(Rc<RefCell<Vec<u8>>>);

impl Write for SharedBuffer {
    fn write(&mut self, data: &[u8]) -> io::Result<usize> {
        self.0.borrow_mut().extend_from_slice(data);
        Ok(data.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

struct QuadReader {
    quads: QuadIter<'static>,
    serializer: Option<WriterQuadSerializer<SharedBuffer>>,
    buffer: SharedBuffer,
    as_triples: bool,
    offset: usize,
}

impl Read for QuadReader {
    fn read(&mut self, out: &mut [u8]) -> io::Result<usize> {
        loop {
            {
                let mut buffer = self.buffer.0.borrow_mut();
                if self.offset < buffer.len() {
                    let n = out.len().min(buffer.len() - self.offset);
                    out[..n].copy_from_slice(&buffer[self.offset..self.offset + n]);
                    self.offset += n;
                    if self.offset == buffer.len() {
                        buffer.clear();
                        self.offset = 0;
                    }
                    return Ok(n);
                }
            }
            let Some(serializer) = self.serializer.as_mut() else {
                return Ok(0);
            };
            match self.quads.next() {
                Some(quad) => {
                    let quad = quad.map_err(io::Error::other)?;
                    if self.as_triples {
                        serializer.serialize_triple(quad.as_ref())?;
                    } else {
                        serializer.serialize_quad(&quad)?;
                    }
                }
                None => {
                    if let Some(serializer) = self.serializer.take() {
                        serializer.finish()?;
                    }
                }
            }
        }
    }
}
