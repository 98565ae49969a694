package vn.ansinh.gateway.partner;

import jakarta.xml.bind.JAXBContext;
import jakarta.xml.bind.JAXBException;
import jakarta.xml.bind.Marshaller;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import org.apache.camel.Exchange;
import org.springframework.stereotype.Component;
import vn.ansinh.gateway.audit.AuditContext;
import vn.ansinh.gateway.citizen.CitizenRequestValidator;
import vn.ansinh.gateway.citizen.CitizenVerificationRequest;
import vn.ansinh.gateway.citizen.RegistryRecord;
import vn.ansinh.gateway.contracts.population.TraCuuThongTinCongDan;
import vn.ansinh.gateway.contracts.population.TraCuuThongTinCongDanResponse;
import vn.ansinh.gateway.contracts.population.TrangThaiCongDan;
import vn.ansinh.gateway.error.AgencyUnavailableException;

/**
 * JSON ⇄ SOAP for the population database: our verification request becomes a
 * {@code TraCuuThongTinCongDan} lookup, and its answer becomes a {@link RegistryRecord}.
 */
@Component("populationRegistryTranslator")
public class PopulationRegistryTranslator {

  static final String AGENCY = "population-registry";
  static final String SOAP_ACTION = "http://dancuquocgia.bca/TraCuuThongTinCongDan";
  private static final String SOAP_NS = "http://schemas.xmlsoap.org/soap/envelope/";
  private static final byte[] ENVELOPE_START = ("<soap:Envelope xmlns:soap=\"" + SOAP_NS + "\"><soap:Body>")
      .getBytes(StandardCharsets.UTF_8);
  private static final byte[] ENVELOPE_END = "</soap:Body></soap:Envelope>".getBytes(StandardCharsets.UTF_8);
  private static final DateTimeFormatter REGISTRY_DATE = DateTimeFormatter.BASIC_ISO_DATE;

  private final JAXBContext jaxb;
  private final String serviceCode;

  public PopulationRegistryTranslator(PopulationRegistryProperties properties) throws JAXBException {
    this.jaxb = JAXBContext.newInstance(TraCuuThongTinCongDan.class, TraCuuThongTinCongDanResponse.class);
    this.serviceCode = properties.serviceCode();
  }

  /** Body becomes the SOAP request bytes for a lookup of the personal id. */
  public void toLookupRequest(Exchange exchange) throws JAXBException {
    CitizenVerificationRequest asked = exchange.getProperty(CitizenRequestValidator.REQUEST_PROPERTY,
        CitizenVerificationRequest.class);
    TraCuuThongTinCongDan lookup = new TraCuuThongTinCongDan();
    String requestId = AuditContext.current().requestId();
    lookup.setMaYeuCau(requestId != null ? requestId : exchange.getExchangeId());
    lookup.setMaDVC(serviceCode);
    lookup.setSoDinhDanh(asked.personalId());
    ByteArrayOutputStream out = new ByteArrayOutputStream(512);
    out.writeBytes(ENVELOPE_START);
    Marshaller m = jaxb.createMarshaller();
    m.setProperty(Marshaller.JAXB_FRAGMENT, true);
    m.setProperty(Marshaller.JAXB_ENCODING, "UTF-8");
    m.marshal(lookup, out);
    out.writeBytes(ENVELOPE_END);
    exchange.getMessage().setBody(out.toByteArray());
    exchange.getMessage().setHeader(Exchange.CONTENT_TYPE, "text/xml; charset=UTF-8");
    exchange.getMessage().setHeader("SOAPAction", "\"" + SOAP_ACTION + "\"");
  }

  /** Body (the registry's SOAP answer) becomes a {@link RegistryRecord}; anything else is the agency's failure. */
  public RegistryRecord readLookupResponse(Exchange exchange) {
    byte[] answer = exchange.getMessage().getBody(byte[].class);
    exchange.setProperty(AgencyCalls.RESPONSE_BYTES, answer);
    if (answer == null || answer.length == 0) {
      throw invalid("an empty answer", null);
    }
    XMLStreamReader xml = null;
    try {
      xml = SecureXml.input().createXMLStreamReader(new ByteArrayInputStream(answer));
      moveToBodyContent(xml);
      if ("Fault".equals(xml.getLocalName())) {
        throw new AgencyUnavailableException(AGENCY, "The population database answered with a SOAP fault", null);
      }
      TraCuuThongTinCongDanResponse response = jaxb.createUnmarshaller()
          .unmarshal(xml, TraCuuThongTinCongDanResponse.class).getValue();
      return toRecord(response);
    } catch (XMLStreamException | JAXBException | DateTimeParseException | IllegalStateException e) {
      throw invalid("a malformed answer", e);
    } finally {
      closeQuietly(xml);
    }
  }

  private static RegistryRecord toRecord(TraCuuThongTinCongDanResponse response) {
    TraCuuThongTinCongDanResponse.CongDan citizen = response.getCongDan();
    if (!response.isTonTai() || citizen == null) {
      return RegistryRecord.unknown();
    }
    if (citizen.getHoVaTen() == null || citizen.getNgayThangNamSinh() == null) {
      throw new IllegalStateException("incomplete citizen record");
    }
    boolean deceased = citizen.getTrangThai() == TrangThaiCongDan.DA_MAT;
    String died = citizen.getNgayMat();
    return new RegistryRecord(true, citizen.getHoVaTen(), LocalDate.parse(citizen.getNgayThangNamSinh(), REGISTRY_DATE),
        deceased, deceased && died != null && !died.isBlank() ? LocalDate.parse(died.trim(), REGISTRY_DATE) : null);
  }

  private static void moveToBodyContent(XMLStreamReader xml) throws XMLStreamException {
    boolean inBody = false;
    while (xml.hasNext()) {
      int event = xml.next();
      if (event == XMLStreamConstants.DTD) {
        throw new XMLStreamException("a DTD is not accepted");
      }
      if (event == XMLStreamConstants.START_ELEMENT) {
        if (inBody) {
          return;
        }
        inBody = "Body".equals(xml.getLocalName()) && SOAP_NS.equals(xml.getNamespaceURI());
      }
    }
    throw new IllegalStateException("no SOAP body");
  }

  private static AgencyUnavailableException invalid(String what, Exception cause) {
    return new AgencyUnavailableException(AGENCY, "The population database sent " + what, cause);
  }

  private static void closeQuietly(XMLStreamReader xml) {
    if (xml != null) {
      try {
        xml.close();
      } catch (XMLStreamException ignored) {
        // nothing left to release
      }
    }
  }
}
