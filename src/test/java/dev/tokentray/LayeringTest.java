package dev.tokentray;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import dev.tokentray.platform.CompositionRoot;
import dev.tokentray.sim.RunsTheSimulator;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZonedDateTime;

/** The layering rules of the architecture note, checked on every build. */
@AnalyzeClasses(packages = "dev.tokentray", importOptions = ImportOption.DoNotIncludeTests.class)
class LayeringTest {

    @ArchTest
    static final ArchRule tokenIsPure = classes().that().resideInAPackage("dev.tokentray.token..")
            .should().onlyDependOnClassesThat().resideInAnyPackage("dev.tokentray.token..", "java.lang..",
                    "java.util..", "java.time..", "java.security..", "java.nio.charset..", "java.io..", "javax.crypto..",
                    "com.fasterxml.jackson..", "com.eatthepath.otp..", "org.apache.commons.codec..")
            .because("the token and its expiry are pure rules: no other part of the app, no network, no files");

    @ArchTest
    static final ArchRule coreKnowsNoFrontEnd = noClasses()
            .that().resideInAnyPackage("dev.tokentray.upstox..", "dev.tokentray.vault..", "dev.tokentray.renew..",
                    "dev.tokentray.accounts..", "dev.tokentray.launch..")
            .should().dependOnClassesThat().resideInAnyPackage(
                    "dev.tokentray.ui..", "dev.tokentray.cli..", "javafx..", "java.awt..", "javax.swing..")
            .because("the login, the keychain and the renewal serve the tray app, the CLI and the headless renewer alike");

    @ArchTest
    static final ArchRule theOutputsKnowNoFrontEnd = noClasses()
            .that().resideInAnyPackage("dev.tokentray.output..", "dev.tokentray.redis..", "dev.tokentray.postgres..")
            .should().dependOnClassesThat().resideInAnyPackage(
                    "dev.tokentray.ui..", "dev.tokentray.cli..", "javafx..", "java.awt..", "javax.swing..")
            .because("the tray app, the commands and the headless renewer hand tokens out through the same outputs");

    @ArchTest
    static final ArchRule followingKnowsNoFrontEnd = noClasses().that().resideInAPackage("dev.tokentray.follow..")
            .should().dependOnClassesThat().resideInAnyPackage(
                    "dev.tokentray.ui..", "dev.tokentray.cli..", "javafx..", "java.awt..", "javax.swing..")
            .because("the tray app and the commands follow an account from Redis through the same reader and follower");

    @ArchTest
    static final ArchRule redisKnowsNoOutput = noClasses().that().resideInAPackage("dev.tokentray.redis..")
            .should().dependOnClassesThat().resideInAPackage("dev.tokentray.output..")
            .because("the Redis connection serves the output now, and the shared lease and following an account later");

    @ArchTest
    static final ArchRule theRenewalKnowsNoRedis = noClasses().that().resideInAPackage("dev.tokentray.renew..")
            .should().dependOnClassesThat().resideInAnyPackage("redis.clients..", "dev.tokentray.redis..",
                    "dev.tokentray.shared..")
            .because("the renewal shares its logins through its LoginCoordination, whichever way the machines agree");

    @ArchTest
    static final ArchRule theSharedRenewalKnowsNoFrontEndNorOutput = noClasses()
            .that().resideInAPackage("dev.tokentray.shared..")
            .should().dependOnClassesThat().resideInAnyPackage("dev.tokentray.ui..", "dev.tokentray.cli..",
                    "dev.tokentray.output..", "javafx..", "java.awt..")
            .because("the machines' coordination serves the headless renewer and, later, the tray app alike;"
                    + " it writes the token as the Redis output does, through redis/RedisTokens");

    @ArchTest
    static final ArchRule postgresKnowsNoOutput = noClasses().that().resideInAPackage("dev.tokentray.postgres..")
            .should().dependOnClassesThat().resideInAnyPackage("dev.tokentray.output..", "dev.tokentray.redis..")
            .because("the audit trail's database is a part of its own, which the output only drives");

    @ArchTest
    static final ArchRule onlyThePostgresPartsTouchJdbc = noClasses()
            .that().resideOutsideOfPackages("dev.tokentray.postgres..", "dev.tokentray.output..", "dev.tokentray.cli..")
            .should().dependOnClassesThat().resideInAnyPackage("java.sql..", "com.zaxxer.hikari..", "org.postgresql..")
            .because("the renewal must not wait on a database: only the audit trail's output talks to one");

    @ArchTest
    static final ArchRule onlyTheUiTouchesJavaFx = noClasses().that().resideOutsideOfPackage("dev.tokentray.ui..")
            .should().dependOnClassesThat().resideInAPackage("javafx..");

    @ArchTest
    static final ArchRule onlyTheTrayAndNotificationAdaptersTouchAwt = noClasses()
            .that().resideOutsideOfPackages("dev.tokentray.ui.tray..", "dev.tokentray.ui.notify..")
            .should().dependOnClassesThat().resideInAnyPackage("java.awt..", "javax.swing..");

    @ArchTest
    static final ArchRule theNativeTrayLeavesAwtOut = noClasses().that().resideInAPackage("dev.tokentray.ui.tray.sni..")
            .should().dependOnClassesThat().resideInAnyPackage("java.awt..", "javax.swing..", "javax.imageio..")
            .because("on a Linux desktop with a StatusNotifierItem host the app never loads AWT (nor ImageIO, which"
                    + " loads AWT's native libraries)");

    @ArchTest
    static final ArchRule theSimulatorKnowsNoFrontEnd = noClasses().that().resideInAPackage("dev.tokentray.sim..")
            .should().dependOnClassesThat().resideInAnyPackage("dev.tokentray.ui..", "dev.tokentray.cli..");

    @ArchTest
    static final ArchRule onlyTheMonitorTouchesPrometheus = noClasses().that().resideOutsideOfPackage("dev.tokentray.monitor..")
            .should().dependOnClassesThat().resideInAPackage("io.prometheus..")
            .because("the Prometheus client is loaded only when the headless renewer serves /metrics (--listen)");

    @ArchTest
    static final ArchRule theMonitorKnowsNoFrontEnd = noClasses().that().resideInAPackage("dev.tokentray.monitor..")
            .should().dependOnClassesThat().resideInAnyPackage("dev.tokentray.ui..", "dev.tokentray.cli..",
                    "javafx..", "java.awt..")
            .because("health and metrics read the renewal's state and events, for the headless renewer");

    @ArchTest
    static final ArchRule theCliStartsTheAppOnlyThroughItsLauncher = noClasses()
            .that().resideInAPackage("dev.tokentray.cli..")
            .should().dependOnClassesThat().resideInAPackage("dev.tokentray.ui..");

    @ArchTest
    static final ArchRule theAppKnowsNothingOfTheCommandLine = noClasses()
            .that().resideInAPackage("dev.tokentray.ui..")
            .should().dependOnClassesThat().resideInAPackage("dev.tokentray.cli..")
            .because("the command line hands the app an AppStart (package launch), and that is all either knows of"
                    + " the other");

    @ArchTest
    static final ArchRule onlyTheDemoAndTheSimulatorCommandUseTheSimulator = noClasses()
            .that().resideOutsideOfPackages("dev.tokentray.sim..", "dev.tokentray.ui.demo..")
            .and().areNotAnnotatedWith(RunsTheSimulator.class)
            .should().dependOnClassesThat().resideInAPackage("dev.tokentray.sim..")
            .because("no part of the real app may log in to a stand-in by mistake: the demo mode (package ui.demo)"
                    + " and the `simulator` command (@RunsTheSimulator) alone start one");

    @ArchTest
    static final ArchRule viewModelsKnowNoScene = noClasses()
            .that().haveSimpleNameEndingWith("Model")
            .should().dependOnClassesThat().resideInAPackage("javafx.scene..")
            .because("a view model holds what a window shows, tested without a display; the window draws it");

    @ArchTest
    static final ArchRule timeComesFromAnInjectedClock = noClasses()
            .that().resideOutsideOfPackages("dev.tokentray.platform..")
            .and().areNotAnnotatedWith(CompositionRoot.class)
            .should().callMethod(Instant.class, "now")
            .orShould().callMethod(LocalDateTime.class, "now")
            .orShould().callMethod(ZonedDateTime.class, "now")
            .orShould().callMethod(System.class, "currentTimeMillis")
            .orShould().callMethod(Clock.class, "systemUTC")
            .orShould().callMethod(Clock.class, "systemDefaultZone")
            .because("tests run the renewal on a fake clock; only composition roots pick the system clock");
}
