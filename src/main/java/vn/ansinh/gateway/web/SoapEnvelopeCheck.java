package vn.ansinh.gateway.web;

import java.io.ByteArrayInputStream;
import java.io.CharConversionException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import org.apache.cxf.binding.soap.SoapFault;
import org.apache.cxf.binding.soap.SoapMessage;
import org.apache.cxf.binding.soap.interceptor.AbstractSoapInterceptor;
import org.apache.cxf.interceptor.Fault;
import org.apache.cxf.message.Message;
import org.apache.cxf.phase.Phase;

/**
 * Reads a SOAP request once before CXF does, and refuses what is the caller's mistake with a
 * {@code Client} fault and a reason a person can act on: an empty message, one that is not
 * well-formed or not in its declared encoding, a character XML does not allow, a DTD or entity
 * reference, an envelope without exactly one Body. (CXF itself would answer some of these as a
 * Server fault, or quietly read the first of two Bodies, and name its parser in the reason.)
 */
public class SoapEnvelopeCheck extends AbstractSoapInterceptor {

  private static final XMLInputFactory XML = secure();

  public SoapEnvelopeCheck() {
    super(Phase.RECEIVE);
  }

  @Override
  public void handleMessage(SoapMessage message) {
    InputStream in = message.getContent(InputStream.class);
    if (in == null || "GET".equals(message.get(Message.HTTP_REQUEST_METHOD))) {
      return;   // ?wsdl and the like carry no envelope
    }
    byte[] body;
    try {
      body = in.readAllBytes();
    } catch (IOException e) {
      throw refused("the message could not be read");
    }
    if (body.length == 0) {
      throw refused("the message is empty; send a SOAP 1.1 envelope");
    }
    String encoding = (String) message.get(Message.ENCODING);
    try {
      if (encoding != null && !Charset.isSupported(encoding)) {
        throw refused("the declared character encoding is not supported; send UTF-8");
      }
    } catch (IllegalCharsetNameException e) {
      throw refused("the declared character encoding is not supported; send UTF-8");
    }
    check(body, encoding);
    message.setContent(InputStream.class, new ByteArrayInputStream(body));
  }

  private static void check(byte[] body, String encoding) {
    XMLStreamReader xml = null;
    try {
      xml = encoding == null ? XML.createXMLStreamReader(new ByteArrayInputStream(body))
          : XML.createXMLStreamReader(new ByteArrayInputStream(body), encoding);
      int depth = 0;
      int bodies = 0;
      String envelope = null;
      while (xml.hasNext()) {
        int event = xml.next();
        if (event == XMLStreamConstants.DTD) {
          throw refused("a DTD is not allowed in a SOAP message");
        } else if (event == XMLStreamConstants.ENTITY_REFERENCE) {
          throw refused("entity references are not allowed in a SOAP message");
        } else if (event == XMLStreamConstants.START_ELEMENT) {
          depth++;
          if (depth == 1) {
            envelope = xml.getNamespaceURI();
          } else if (depth == 2 && "Body".equals(xml.getLocalName()) && envelope != null
              && envelope.equals(xml.getNamespaceURI())) {
            bodies++;
          }
        } else if (event == XMLStreamConstants.END_ELEMENT) {
          depth--;
        }
      }
      if (envelope != null && bodies != 1 && isSoapEnvelope(envelope)) {
        throw refused("the envelope must have exactly one Body, it has " + bodies);
      }
    } catch (XMLStreamException e) {
      throw refused(reasonFor(e));
    } finally {
      if (xml != null) {
        try {
          xml.close();
        } catch (XMLStreamException ignored) {
          // nothing held
        }
      }
    }
  }

  private static boolean isSoapEnvelope(String namespace) {
    return "http://schemas.xmlsoap.org/soap/envelope/".equals(namespace)
        || "http://www.w3.org/2003/05/soap-envelope".equals(namespace);
  }

  /** What went wrong, in words; the parser's own message names its classes and may quote the input. */
  static String reasonFor(Throwable e) {
    for (Throwable c = e; c != null; c = c.getCause() == c ? null : c.getCause()) {
      if (c instanceof CharConversionException) {
        return "the message is not in its declared character encoding";
      }
    }
    String text = String.valueOf(e.getMessage()).toLowerCase(java.util.Locale.ROOT);
    if (text.contains("utf-8") || text.contains("encoding") || text.contains("byte")) {
      return "the message is not in its declared character encoding";
    }
    if (text.contains("character reference") || text.contains("illegal character") || text.contains("invalid character")
        || text.contains("invalid white space")) {
      return "the message contains a character that XML does not allow";
    }
    if (text.contains("dtd") || text.contains("doctype")) {
      return "a DTD is not allowed in a SOAP message";
    }
    if (text.contains("entity")) {
      return "entity references are not allowed in a SOAP message";
    }
    if (text.contains("eof")) {
      return "the message ends before the envelope is complete";
    }
    return "the message is not well-formed XML";
  }

  private static SoapFault refused(String reason) {
    return new SoapFault("Invalid request: " + reason, Fault.FAULT_CODE_CLIENT);
  }

  private static XMLInputFactory secure() {
    XMLInputFactory f = XMLInputFactory.newFactory();
    f.setProperty(XMLInputFactory.SUPPORT_DTD, false);
    f.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
    f.setProperty(XMLInputFactory.IS_REPLACING_ENTITY_REFERENCES, false);
    return f;
  }
}
