package vn.ansinh.gateway.support;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;

/** The population database's answers, as WireMock stubs. */
public final class PopulationRegistryStubs {

  private PopulationRegistryStubs() {}

  public static void citizen(WireMockServer registry, String id, String name, String yyyymmdd, boolean deceased) {
    registry.stubFor(post(urlEqualTo("/population"))
        .withRequestBody(containing("<SoDinhDanh>" + id + "</SoDinhDanh>"))
        .willReturn(soap(lookupAnswer(id, name, yyyymmdd, deceased))));
  }

  /**
   * What a test's list says of a person, unless the test said otherwise: a low-priority stub, so a
   * test's own {@link #citizen} or {@link #unknown} for the same id wins.
   */
  public static void asListed(WireMockServer registry, String id, String name) {
    registry.stubFor(post(urlEqualTo("/population")).atPriority(10)
        .withRequestBody(containing("<SoDinhDanh>" + id + "</SoDinhDanh>"))
        .willReturn(soap(lookupAnswer(id, xmlText(name), "19900101", false))));
  }

  /** Every id the population database is asked about belongs to a living person of this name. */
  public static void everyoneIs(WireMockServer registry, String name) {
    registry.stubFor(post(urlEqualTo("/population")).atPriority(10)
        .willReturn(soap(lookupAnswer("000000000000", xmlText(name), "19900101", false))));
  }

  /** Any id no other stub names is unknown to the population database (the lowest priority). */
  public static void nobodyElse(WireMockServer registry) {
    registry.stubFor(post(urlEqualTo("/population")).atPriority(100)
        .willReturn(soap("<TraCuuThongTinCongDanResponse xmlns=\"http://dancuquocgia.bca\"><MaYeuCau>x</MaYeuCau>"
            + "<TonTai>false</TonTai></TraCuuThongTinCongDanResponse>")));
  }

  /** A death on a given date ({@code yyyymmdd}), as the registry's NgayMat gives it. */
  public static void diedOn(WireMockServer registry, String id, String name, String died) {
    registry.stubFor(post(urlEqualTo("/population"))
        .withRequestBody(containing("<SoDinhDanh>" + id + "</SoDinhDanh>"))
        .willReturn(soap(lookupAnswer(id, name, "19450101", false).replace("<TrangThai>SONG</TrangThai>",
            "<TrangThai>DA_MAT</TrangThai><NgayMat>" + died + "</NgayMat>"))));
  }

  private static String xmlText(String s) {
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }

  public static void unknown(WireMockServer registry, String id) {
    registry.stubFor(post(urlEqualTo("/population"))
        .withRequestBody(containing("<SoDinhDanh>" + id + "</SoDinhDanh>"))
        .willReturn(soap("<TraCuuThongTinCongDanResponse xmlns=\"http://dancuquocgia.bca\"><MaYeuCau>x</MaYeuCau>"
            + "<TonTai>false</TonTai></TraCuuThongTinCongDanResponse>")));
  }

  public static String lookupAnswer(String id, String name, String yyyymmdd, boolean deceased) {
    return "<TraCuuThongTinCongDanResponse xmlns=\"http://dancuquocgia.bca\"><MaYeuCau>x</MaYeuCau><TonTai>true</TonTai>"
        + "<CongDan><SoDinhDanh>" + id + "</SoDinhDanh><HoVaTen>" + name + "</HoVaTen><GioiTinh>NAM</GioiTinh>"
        + "<NgayThangNamSinh>" + yyyymmdd + "</NgayThangNamSinh><TrangThai>" + (deceased ? "DA_MAT" : "SONG")
        + "</TrangThai>" + (deceased ? "<NgayMat>20251201</NgayMat>" : "") + "</CongDan></TraCuuThongTinCongDanResponse>";
  }

  public static ResponseDefinitionBuilder soap(String bodyContent) {
    return aResponse().withStatus(200).withHeader("Content-Type", "text/xml; charset=UTF-8")
        .withBody("<soap:Envelope xmlns:soap=\"http://schemas.xmlsoap.org/soap/envelope/\"><soap:Body>"
            + bodyContent + "</soap:Body></soap:Envelope>");
  }
}
