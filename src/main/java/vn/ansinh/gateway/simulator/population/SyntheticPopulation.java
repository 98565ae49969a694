package vn.ansinh.gateway.simulator.population;

import java.time.LocalDate;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import vn.ansinh.gateway.citizen.Gender;
import vn.ansinh.gateway.citizen.LegacyProvince;

/**
 * What the simulated population database knows: the five citizens the README's tour uses, plus a
 * generated population that is the same for the same seed on every start.
 */
public final class SyntheticPopulation {

  private static final LocalDate FIRST_BIRTH = LocalDate.of(1930, 1, 1);
  private static final LocalDate LAST_BIRTH = LocalDate.of(2010, 12, 31);
  // fixed rather than "today", so that a seed always yields the same people
  private static final LocalDate DEATHS_RECORDED_UNTIL = LocalDate.of(2026, 6, 30);
  private static final LocalDate DEATHS_RECORDED_FROM = DEATHS_RECORDED_UNTIL.minusYears(10);
  private static final int DECEASED_PER_THOUSAND = 10;

  private static final String[] FAMILY_NAMES = {
    "Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ", "Hồ",
    "Ngô", "Dương", "Lý"
  };
  // roughly the national shares, in tenths of a percent
  private static final int[] FAMILY_NAME_WEIGHTS = {
    380, 110, 95, 70, 30, 21, 45, 20, 19, 21, 20, 14, 13, 13, 10, 5
  };
  private static final int FAMILY_NAME_TOTAL_WEIGHT = sum(FAMILY_NAME_WEIGHTS);

  private static final String[] MALE_MIDDLE_NAMES = {
    "Hữu", "Đức", "Minh", "Quang", "Công", "Thành", "Xuân", "Đình", "Quốc", "Ngọc", "Thanh",
    "Hoàng", "Trọng", "Tuấn", "Anh", "Gia", "Bảo"
  };
  private static final String[] FEMALE_MIDDLE_NAMES = {
    "Ngọc", "Thanh", "Thu", "Minh", "Kim", "Bích", "Hồng", "Thùy", "Phương", "Mai", "Diệu",
    "Khánh", "Hoài", "Bảo", "Mỹ", "Quỳnh"
  };
  private static final String[] MALE_GIVEN_NAMES = {
    "An", "Bảo", "Bình", "Cường", "Dũng", "Duy", "Đạt", "Đức", "Hải", "Hiếu", "Hòa", "Hoàng",
    "Hùng", "Hưng", "Huy", "Khang", "Khánh", "Khoa", "Kiên", "Lâm", "Lộc", "Long", "Mạnh", "Minh",
    "Nam", "Nghĩa", "Nhân", "Phát", "Phong", "Phúc", "Quân", "Quang", "Quý", "Sơn", "Tài", "Tâm",
    "Thắng", "Thành", "Thịnh", "Tiến", "Toàn", "Trí", "Trung", "Tú", "Tuấn", "Tùng", "Việt",
    "Vinh", "Vũ", "Kỳ"
  };
  private static final String[] FEMALE_GIVEN_NAMES = {
    "Anh", "Ánh", "Châu", "Chi", "Diệp", "Dung", "Giang", "Hà", "Hạnh", "Hằng", "Hiền", "Hoa",
    "Hòa", "Hồng", "Huệ", "Hương", "Huyền", "Lan", "Liên", "Linh", "Loan", "Mai", "My", "Mỹ", "Nga",
    "Ngân", "Ngọc", "Nhung", "Oanh", "Phượng", "Phương", "Quyên", "Quỳnh", "Tâm", "Thảo", "Thủy",
    "Thúy", "Trang", "Trinh", "Tuyết", "Uyên", "Vân", "Xuân", "Yến", "Khuê", "Nguyệt"
  };
  private static final String[] STREETS = {
    "Lê Lợi", "Trần Hưng Đạo", "Nguyễn Huệ", "Hai Bà Trưng", "Quang Trung", "Lý Thường Kiệt",
    "Hùng Vương", "Điện Biên Phủ", "Phan Đình Phùng", "Nguyễn Trãi", "Lê Duẩn", "Bà Triệu"
  };
  private static final String[] WARDS = {
    "Bến Thành", "Hòa Khánh", "Tân Định", "Phú Hội", "Hải Châu", "Ba Đình", "Hoàn Kiếm", "Cửa Nam",
    "Trường Thi", "Đông Hải", "Ninh Kiều", "Thủ Dầu Một"
  };
  private static final String[] COMMUNES = {
    "Tân Phú", "An Bình", "Hòa Hiệp", "Phú Thịnh", "Thanh Hà", "Đông Hưng", "Quảng Phú", "Yên Lạc",
    "Hưng Đạo", "Tiên Phước", "Mỹ Hòa", "Vĩnh Thạnh"
  };

  private static final List<Citizen> FIXED =
      List.of(
          new Citizen(
              "040090000123",
              "Nguyễn Văn An",
              Gender.MALE,
              LocalDate.of(1990, 5, 17),
              "Số 12 đường Lê Lợi, Phường Trường Thi, Nghệ An",
              null),
          new Citizen(
              "044301000456",
              "Trần Thị Hoà",
              Gender.FEMALE,
              LocalDate.of(2001, 2, 3),
              "Thôn 3, Xã Quảng Phú, Quảng Bình",
              null),
          new Citizen(
              "001045000789",
              "Lê Văn Bình",
              Gender.MALE,
              LocalDate.of(1945, 8, 19),
              "Số 5 phố Hàng Bạc, Phường Hoàn Kiếm, Hà Nội",
              LocalDate.of(2025, 12, 1)),
          new Citizen(
              "079188001234",
              "Phạm Thị Lan",
              Gender.FEMALE,
              LocalDate.of(1988, 11, 30),
              "Số 88 đường Nguyễn Trãi, Phường Bến Thành, TP Hồ Chí Minh",
              null),
          new Citizen(
              "038052004321",
              "Hoàng Văn Nam",
              Gender.MALE,
              LocalDate.of(1952, 1, 15),
              "Xóm 2, Xã Yên Lạc, Thanh Hóa",
              null));

  private final Map<String, Citizen> byPersonalId;
  // deaths learnt while running (the demo's pushed events), over the generated population
  private final Map<String, LocalDate> deathsLearnt = new ConcurrentHashMap<>();

  /** {@code size} generated citizens (from {@code seed}) plus the five fixed ones. */
  public SyntheticPopulation(int size, long seed) {
    if (size < 0) {
      throw new IllegalArgumentException("size must not be negative");
    }
    Map<String, Citizen> citizens = new HashMap<>((int) ((size + FIXED.size()) / 0.75f) + 1);
    for (Citizen fixed : FIXED) {
      citizens.put(fixed.personalId(), fixed);
    }
    SplittableRandom random = new SplittableRandom(seed);
    List<String> provinces = LegacyProvince.codes();
    long firstBirthDay = FIRST_BIRTH.toEpochDay();
    long birthDays = LAST_BIRTH.toEpochDay() - firstBirthDay + 1;
    for (int i = 0; i < size; i++) {
      Gender gender = random.nextBoolean() ? Gender.MALE : Gender.FEMALE;
      LocalDate dateOfBirth = LocalDate.ofEpochDay(firstBirthDay + random.nextLong(birthDays));
      String province = provinces.get(random.nextInt(provinces.size()));
      String personalId;
      do {
        personalId = personalId(province, dateOfBirth.getYear(), gender, random.nextInt(1_000_000));
      } while (citizens.containsKey(personalId));
      String fullName = fullName(gender, random);
      String residence =
          random.nextInt(5) == 0 ? provinces.get(random.nextInt(provinces.size())) : province;
      String address = address(residence, random);
      LocalDate dateOfDeath =
          random.nextInt(1000) < DECEASED_PER_THOUSAND ? dateOfDeath(dateOfBirth, random) : null;
      citizens.put(
          personalId,
          new Citizen(personalId, fullName, gender, dateOfBirth, address, dateOfDeath));
    }
    this.byPersonalId = Collections.unmodifiableMap(citizens);
  }

  /** The five citizens every simulated population holds (SPEC §6.1). */
  public static List<Citizen> fixedCitizens() {
    return FIXED;
  }

  public Optional<Citizen> find(String personalId) {
    return personalId == null
        ? Optional.empty()
        : Optional.ofNullable(byPersonalId.get(personalId)).map(c -> {
          LocalDate died = deathsLearnt.get(c.personalId());
          return died == null || c.deceased() ? c
              : new Citizen(c.personalId(), c.fullName(), c.gender(), c.dateOfBirth(), c.permanentAddress(), died);
        });
  }

  /** A death the registry learns of while running; false for an id it does not hold. */
  public boolean recordDeath(String personalId, LocalDate dateOfDeath) {
    if (personalId == null || !byPersonalId.containsKey(personalId)) {
      return false;
    }
    deathsLearnt.put(personalId, dateOfDeath);
    return true;
  }

  /** All citizens held, the fixed five included. */
  public int size() {
    return byPersonalId.size();
  }

  /** All citizens held, in no particular order. */
  public Collection<Citizen> citizens() {
    return byPersonalId.values();
  }

  private static String personalId(String province, int birthYear, Gender gender, int serial) {
    int centuryGenderDigit = 2 * ((birthYear - 1900) / 100) + (gender == Gender.FEMALE ? 1 : 0);
    char[] id = new char[12];
    province.getChars(0, 3, id, 0);
    id[3] = (char) ('0' + centuryGenderDigit);
    id[4] = (char) ('0' + (birthYear % 100) / 10);
    id[5] = (char) ('0' + birthYear % 10);
    for (int k = 11; k >= 6; k--) {
      id[k] = (char) ('0' + serial % 10);
      serial /= 10;
    }
    return new String(id);
  }

  private static String fullName(Gender gender, SplittableRandom random) {
    boolean male = gender == Gender.MALE;
    String middle;
    if (random.nextInt(5) < 2) {
      middle = male ? "Văn" : "Thị";
    } else {
      middle = pick(male ? MALE_MIDDLE_NAMES : FEMALE_MIDDLE_NAMES, random);
    }
    return familyName(random)
        + ' '
        + middle
        + ' '
        + pick(male ? MALE_GIVEN_NAMES : FEMALE_GIVEN_NAMES, random);
  }

  private static String familyName(SplittableRandom random) {
    int ticket = random.nextInt(FAMILY_NAME_TOTAL_WEIGHT);
    for (int k = 0; k < FAMILY_NAMES.length; k++) {
      ticket -= FAMILY_NAME_WEIGHTS[k];
      if (ticket < 0) {
        return FAMILY_NAMES[k];
      }
    }
    return FAMILY_NAMES[0];
  }

  private static String address(String provinceCode, SplittableRandom random) {
    String province = LegacyProvince.name(provinceCode).orElseThrow();
    StringBuilder address = new StringBuilder(64);
    if (random.nextBoolean()) {
      address
          .append("Số ")
          .append(1 + random.nextInt(300))
          .append(" đường ")
          .append(pick(STREETS, random))
          .append(", Phường ")
          .append(pick(WARDS, random));
    } else {
      address
          .append("Thôn ")
          .append(1 + random.nextInt(12))
          .append(", Xã ")
          .append(pick(COMMUNES, random));
    }
    return address.append(", ").append(province).toString();
  }

  private static LocalDate dateOfDeath(LocalDate dateOfBirth, SplittableRandom random) {
    long from = Math.max(dateOfBirth.toEpochDay() + 1, DEATHS_RECORDED_FROM.toEpochDay());
    long until = DEATHS_RECORDED_UNTIL.toEpochDay();
    return LocalDate.ofEpochDay(from + random.nextLong(until - from + 1));
  }

  private static String pick(String[] names, SplittableRandom random) {
    return names[random.nextInt(names.length)];
  }

  private static int sum(int[] values) {
    int total = 0;
    for (int value : values) {
      total += value;
    }
    return total;
  }
}
