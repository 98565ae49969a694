package vn.ansinh.gateway.reference;

import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.ResolverStyle;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import vn.ansinh.gateway.error.InvalidRequestException;
import vn.ansinh.gateway.error.UnknownAdministrativeUnitException;
import vn.ansinh.gateway.error.Violation;
import vn.ansinh.gateway.format.ContentTypes;

/**
 * The official administrative units valid on a date, for any partner, and an operator's newer list
 * (SPEC §4.12).
 */
@RestController
public class AdministrativeUnitController {

  private static final Pattern DATE = Pattern.compile("[0-9]{4}-[0-9]{2}-[0-9]{2}");
  private static final Pattern PROVINCE = Pattern.compile("[0-9]{2}");
  private static final DateTimeFormatter ISO_DATE = DateTimeFormatter.ofPattern("uuuu-MM-dd")
      .withResolverStyle(ResolverStyle.STRICT);
  private final AdministrativeUnits units;
  private final UnitListLoads loads;
  private final LocalDate earliest;
  private final LocalDate latest;

  public AdministrativeUnitController(AdministrativeUnits units, UnitListLoads loads,
      @Value("${gateway.request.earliest-date}") LocalDate earliest,
      @Value("${gateway.request.latest-date}") LocalDate latest) {
    this.units = units;
    this.loads = loads;
    this.earliest = earliest;
    this.latest = latest;
  }

  public record Province(String provinceCode, String name, int communes) {}

  public record Commune(String communeCode, String provinceCode, String name, String type) {}

  /** The list valid on the date asked for, with its provinces and communes (of one province when asked). */
  public record Units(LocalDate date, String listId, LocalDate validFrom, LocalDate validTo, List<Province> provinces,
      List<Commune> communes) {}

  @GetMapping(path = "/api/v1/reference/administrative-units", produces = MediaType.APPLICATION_JSON_VALUE)
  public Units units(@RequestParam(required = false) String date, @RequestParam(required = false) String provinceCode) {
    LocalDate day = date == null ? units.today() : date("date", date);
    if (provinceCode != null && !PROVINCE.matcher(provinceCode).matches()) {
      throw new InvalidRequestException("provinceCode", "must be a 2-digit province code");
    }
    UnitList list = units.on(day).orElseThrow(() -> new UnknownAdministrativeUnitException(List.of(
        Violation.of("date", "no list of administrative units is valid on " + day))));
    if (provinceCode != null && !list.provinces().containsKey(provinceCode)) {
      throw new UnknownAdministrativeUnitException(List.of(Violation.of("provinceCode",
          "unknown province " + provinceCode + " in the list valid on " + day)));
    }
    Map<String, Long> counts = list.communes().values().stream().collect(
        Collectors.groupingBy(UnitList.Commune::provinceCode, Collectors.counting()));
    List<Province> provinces = list.provinces().entrySet().stream()
        .filter(e -> provinceCode == null || e.getKey().equals(provinceCode))
        .map(e -> new Province(e.getKey(), e.getValue(), counts.getOrDefault(e.getKey(), 0L).intValue()))
        .sorted(Comparator.comparing(Province::provinceCode)).toList();
    List<Commune> communes = list.communes().values().stream()
        .filter(c -> provinceCode == null || c.provinceCode().equals(provinceCode))
        .map(c -> new Commune(c.communeCode(), c.provinceCode(), c.name(), c.type()))
        .sorted(Comparator.comparing(Commune::communeCode)).toList();
    return new Units(day, list.listId(), list.validFrom(), list.validTo(), provinces, communes);
  }

  /** CSV as communes-2025.csv (UTF-8 by default), with an optional province_name column. */
  @PostMapping(path = "/api/v1/reference/administrative-units", consumes = "text/csv",
      produces = MediaType.APPLICATION_JSON_VALUE)
  public ResponseEntity<UnitListLoads.Loaded> load(@RequestParam(required = false) String validFrom,
      HttpServletRequest request, Authentication operator) throws IOException {
    if (validFrom == null) {
      throw new InvalidRequestException("validFrom", "is required: the first day the list is valid, as yyyy-MM-dd");
    }
    LocalDate from = date("validFrom", validFrom);
    try (InputStream in = request.getInputStream()) {
      UnitListLoads.Loaded loaded = loads.load(operator.getName(), from, in, ContentTypes.charsetOf(request));
      return ResponseEntity.created(URI.create("/api/v1/reference/administrative-units?date=" + from)).body(loaded);
    }
  }

  private LocalDate date(String field, String text) {
    try {
      if (DATE.matcher(text).matches()) {
        LocalDate d = LocalDate.parse(text, ISO_DATE);
        if (!d.isBefore(earliest) && !d.isAfter(latest)) {
          return d;
        }
      }
    } catch (DateTimeException e) {
      // answered below
    }
    throw new InvalidRequestException(field, "must be a date as yyyy-MM-dd from " + earliest + " to " + latest);
  }
}
