package dev.tokentray.sim;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a class outside the demo mode that may use the simulator: the {@code simulator} command.
 * The layering test lets only these and the demo mode's package touch {@code sim}, so that no part
 * of the real app ever logs in to a stand-in by mistake.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface RunsTheSimulator {}
