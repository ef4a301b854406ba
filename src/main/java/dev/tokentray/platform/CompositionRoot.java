package dev.tokentray.platform;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a composition root: the one class of the tray app, and the one of the command line, that
 * wires the parts by hand and picks what comes from the machine (its clock among them). The
 * layering test lets only these read the system clock.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface CompositionRoot {}
