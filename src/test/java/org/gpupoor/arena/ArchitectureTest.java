package org.gpupoor.arena;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The shape a newcomer can rely on: HTTP lives at the edge (web), the domain (battles, boards,
 * the model catalog, open data, the fun stats) knows nothing of it, and the parts below (the log, Ollama, the
 * rating maths, the config) know nothing of the domain. No two packages lean on each other.
 */
class ArchitectureTest {
    private static final String ROOT = "org.gpupoor.arena";
    private static final String[] DOMAIN = {
        ROOT + ".battle..",
        ROOT + ".leaderboard..",
        ROOT + ".catalog..",
        ROOT + ".opendata..",
        ROOT + ".funstats..",
        ROOT + ".gpu..",
        ROOT + ".matchmaking..",
        ROOT + ".share.."
    };
    private static final String[] BELOW_DOMAIN = {
        ROOT + ".store..", ROOT + ".ollama..", ROOT + ".rating..", ROOT + ".config.."
    };
    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages(ROOT);
    }

    @Test
    void only_the_web_edge_and_the_wiring_know_http() {
        noClasses()
                .that()
                .resideOutsideOfPackages(ROOT + ".web..", ROOT)
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(ROOT + ".web..", "io.javalin..", "jakarta.servlet..")
                .because("the domain throws its own exceptions; web/ErrorHandling maps them to statuses")
                .check(classes);
    }

    @Test
    void the_log_ollama_the_rating_maths_and_the_config_know_nothing_of_the_domain() {
        noClasses()
                .that()
                .resideInAnyPackage(BELOW_DOMAIN)
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(DOMAIN)
                .check(classes);
    }

    @Test
    void every_thread_comes_from_one_factory() {
        noClasses()
                .that()
                .resideOutsideOfPackages(ROOT + ".concurrent..", ROOT + ".bench..")
                .should()
                .dependOnClassesThat()
                .haveFullyQualifiedName("java.util.concurrent.Executors")
                .orShould()
                .callConstructor(Thread.class, Runnable.class, String.class)
                .because("concurrent/Threads names every thread and makes it a daemon, virtual where the JDK has them")
                .check(classes);
    }

    @Test
    void no_two_packages_depend_on_each_other() {
        slices().matching(ROOT + ".(*)..").should().beFreeOfCycles().check(classes);
    }
}
