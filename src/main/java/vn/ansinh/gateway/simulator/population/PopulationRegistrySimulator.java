package vn.ansinh.gateway.simulator.population;

import jakarta.jws.WebService;
import java.text.Normalizer;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Optional;
import vn.ansinh.gateway.citizen.Gender;
import vn.ansinh.gateway.contracts.population.DanCuQuocGiaPortType;
import vn.ansinh.gateway.contracts.population.TraCuuThongTinCongDan;
import vn.ansinh.gateway.contracts.population.TraCuuThongTinCongDanResponse;
import vn.ansinh.gateway.contracts.population.TrangThaiCongDan;
import vn.ansinh.gateway.contracts.population.XacThucThongTinCongDan;
import vn.ansinh.gateway.contracts.population.XacThucThongTinCongDanResponse;

/** Demo mode's national population database: the contract in contracts/, a generated population. */
@WebService(endpointInterface = "vn.ansinh.gateway.contracts.population.DanCuQuocGiaPortType",
    targetNamespace = "http://dancuquocgia.bca", serviceName = "DanCuQuocGiaService", portName = "DanCuQuocGiaPort",
    wsdlLocation = "classpath:contracts/population-registry/population-registry.wsdl")
public class PopulationRegistrySimulator implements DanCuQuocGiaPortType {

  private static final DateTimeFormatter REGISTRY_DATE = DateTimeFormatter.BASIC_ISO_DATE;
  private final SyntheticPopulation population;
  private final SimulatedFaults faults;

  public PopulationRegistrySimulator(SyntheticPopulation population, SimulatedFaults faults) {
    this.population = population;
    this.faults = faults;
  }

  @Override
  public TraCuuThongTinCongDanResponse traCuuThongTinCongDan(TraCuuThongTinCongDan request) {
    faults.apply();
    TraCuuThongTinCongDanResponse response = new TraCuuThongTinCongDanResponse();
    response.setMaYeuCau(request.getMaYeuCau());
    Optional<Citizen> found = population.find(request.getSoDinhDanh());
    response.setTonTai(found.isPresent());
    found.ifPresent(c -> {
      TraCuuThongTinCongDanResponse.CongDan congDan = new TraCuuThongTinCongDanResponse.CongDan();
      congDan.setSoDinhDanh(c.personalId());
      congDan.setHoVaTen(c.fullName());
      congDan.setGioiTinh(c.gender() == Gender.MALE ? "NAM" : "NU");
      congDan.setNgayThangNamSinh(c.dateOfBirth().format(REGISTRY_DATE));
      congDan.setNoiThuongTru(c.permanentAddress());
      congDan.setTrangThai(c.deceased() ? TrangThaiCongDan.DA_MAT : TrangThaiCongDan.SONG);
      if (c.deceased()) {
        congDan.setNgayMat(c.dateOfDeath().format(REGISTRY_DATE));
      }
      response.setCongDan(congDan);
    });
    return response;
  }

  @Override
  public XacThucThongTinCongDanResponse xacThucThongTinCongDan(XacThucThongTinCongDan request) {
    faults.apply();
    XacThucThongTinCongDanResponse response = new XacThucThongTinCongDanResponse();
    response.setMaYeuCau(request.getMaYeuCau());
    XacThucThongTinCongDanResponse.KetQuaXacThuc result = new XacThucThongTinCongDanResponse.KetQuaXacThuc();
    Optional<Citizen> found = population.find(request.getSoDinhDanh());
    result.setTonTai(found.isPresent());
    found.ifPresent(c -> {
      // the registry compares code points exactly (after NFC and case); the gateway is more lenient
      result.setKhopHoVaTen(exact(c.fullName()).equals(exact(request.getHoVaTen())));
      result.setKhopNgaySinh(c.dateOfBirth().format(REGISTRY_DATE).equals(request.getNgayThangNamSinh()));
      result.setTrangThai(c.deceased() ? TrangThaiCongDan.DA_MAT : TrangThaiCongDan.SONG);
      if (c.deceased()) {
        result.setNgayMat(c.dateOfDeath().format(REGISTRY_DATE));
      }
    });
    response.setKetQuaXacThuc(result);
    return response;
  }

  private static String exact(String name) {
    return name == null ? "" : Normalizer.normalize(name.trim(), Normalizer.Form.NFC).toLowerCase(Locale.ROOT);
  }
}
