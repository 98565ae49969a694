package vn.ansinh.gateway;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.library.GeneralCodingRules;

/** The layering the gateway keeps: see README, "Architecture". */
@AnalyzeClasses(packages = "vn.ansinh.gateway", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

  @ArchTest
  static final ArchRule simulatorsAreNotUsedByProductionCode = noClasses()
      .that().resideOutsideOfPackages("..simulator..")
      .should().dependOnClassesThat().resideInAPackage("..simulator..")
      .because("simulated agencies exist in demo mode only");

  @ArchTest
  static final ArchRule facesAndFlowsDoNotTouchJdbc = noClasses()
      .that().resideInAnyPackage("..citizen..", "..partner..", "..web..", "..security..")
      .should().dependOnClassesThat().resideInAnyPackage("org.springframework.jdbc..", "java.sql..")
      .because("flows and faces reach the database only through feature repositories");

  @ArchTest
  static final ArchRule facesDoNotCallAgenciesDirectly = noClasses()
      .that().resideInAPackage("..citizen..")
      .should().dependOnClassesThat().resideInAPackage("..partner..")
      .because("the REST and SOAP faces hand over to Camel routes, which call the agencies");

  @ArchTest
  static final ArchRule typedErrorsStandAlone = noClasses()
      .that().resideInAPackage("..error..")
      .should().dependOnClassesThat().resideInAnyPackage("..audit..", "..citizen..", "..partner..", "..security..",
          "..web..", "..simulator..", "..database..")
      .because("every layer may raise them, so they depend on none");

  @ArchTest
  static final ArchRule noGenericExceptions = GeneralCodingRules.NO_CLASSES_SHOULD_THROW_GENERIC_EXCEPTIONS;

  @ArchTest
  static final ArchRule noStandardStreams = noClasses()
      .that().doNotHaveFullyQualifiedName("vn.ansinh.gateway.GatewayApplication")
      .should(GeneralCodingRules.ACCESS_STANDARD_STREAMS)
      .because("logs go through SLF4J; only the command line (audit-verify) prints, from main");

  @ArchTest
  static final ArchRule noJavaUtilLogging = GeneralCodingRules.NO_CLASSES_SHOULD_USE_JAVA_UTIL_LOGGING;
}
