package vn.ansinh.gateway.citizen;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.GregorianCalendar;
import javax.xml.datatype.DatatypeConfigurationException;
import javax.xml.datatype.DatatypeFactory;
import javax.xml.datatype.XMLGregorianCalendar;
import org.apache.camel.Exchange;
import org.apache.camel.InvalidPayloadException;
import org.springframework.stereotype.Component;
import vn.ansinh.gateway.contracts.citizen.VerifyCitizenRequest;
import vn.ansinh.gateway.contracts.citizen.VerifyCitizenResponse;
import vn.ansinh.gateway.error.InvalidRequestException;

/** The SOAP face's types ⇄ the flow's own request and result. */
@Component("citizenSoapTranslator")
public class CitizenSoapTranslator {

  private final DatatypeFactory xmlDates;

  public CitizenSoapTranslator() throws DatatypeConfigurationException {
    this.xmlDates = DatatypeFactory.newInstance();
  }

  public void toRequest(Exchange exchange) {
    VerifyCitizenRequest soap = exchange.getMessage().getBody(VerifyCitizenRequest.class);
    if (soap == null) {
      throw new InvalidRequestException("body", "is not a VerifyCitizenRequest");
    }
    XMLGregorianCalendar dob = soap.getDateOfBirth();
    LocalDate dateOfBirth = dob == null ? null : LocalDate.of(dob.getYear(), dob.getMonth(), dob.getDay());
    exchange.getMessage().setBody(new CitizenVerificationRequest(soap.getPersonalId(), soap.getFullName(), dateOfBirth));
  }

  public void toResponse(Exchange exchange) throws InvalidPayloadException {
    CitizenVerificationResult result = exchange.getMessage().getMandatoryBody(CitizenVerificationResult.class);
    VerifyCitizenResponse soap = new VerifyCitizenResponse();
    soap.setPersonalId(result.personalId());
    soap.setMatch(result.match());
    soap.getMismatches().addAll(result.mismatches());
    soap.setDeceased(result.deceased());
    soap.setVerifiedAt(xmlDates.newXMLGregorianCalendar(
        GregorianCalendar.from(result.verifiedAt().atZone(ZoneOffset.UTC))));
    exchange.getMessage().setBody(soap);
  }
}
