package vn.ansinh.gateway.relief;

/** What a relief decision answers (SPEC §4.14). */
public enum Hazard { STORM, FLOOD, LANDSLIDE, DROUGHT, EPIDEMIC, OTHER }
