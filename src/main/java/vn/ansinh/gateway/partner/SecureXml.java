package vn.ansinh.gateway.partner;

import javax.xml.stream.XMLInputFactory;

/** StAX input that never resolves DTDs or external entities (XXE, billion laughs). */
public final class SecureXml {

  private static final XMLInputFactory INPUT = create();

  private SecureXml() {}

  public static XMLInputFactory input() {
    return INPUT;
  }

  private static XMLInputFactory create() {
    XMLInputFactory f = XMLInputFactory.newFactory();
    f.setProperty(XMLInputFactory.SUPPORT_DTD, false);
    f.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
    f.setProperty(XMLInputFactory.IS_REPLACING_ENTITY_REFERENCES, false);
    return f;
  }
}
