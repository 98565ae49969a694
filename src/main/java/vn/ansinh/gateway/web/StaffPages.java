package vn.ansinh.gateway.web;

import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.ViewControllerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * The pages people use (static, in resources/static): /reports for operators and provincial
 * leaders, /audit for information-security staff, /payouts for the staff of commune payment points.
 */
@Configuration(proxyBeanMethods = false)
public class StaffPages implements WebMvcConfigurer {

  @Override
  public void addViewControllers(ViewControllerRegistry registry) {
    registry.addRedirectViewController("/reports", "/reports/index.html");
    registry.addRedirectViewController("/audit", "/audit/index.html");
    registry.addRedirectViewController("/payouts", "/payouts/index.html");
  }
}
