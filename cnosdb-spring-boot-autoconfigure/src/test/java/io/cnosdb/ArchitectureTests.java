package io.cnosdb;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/**
 * The one-way arrows of the code base, checked on every build.
 */
class ArchitectureTests {

	private static final JavaClasses CLASSES = new ClassFileImporter()
		.withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
		.importPackages("io.cnosdb");

	@Test
	void clientNeverDependsOnAutoConfigurationOrSpringBoot() {
		noClasses().that()
			.resideInAPackage("io.cnosdb.client..")
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage("io.cnosdb.autoconfigure..", "io.cnosdb.health..", "org.springframework.boot..")
			.check(CLASSES);
	}

	@Test
	void theMeterRegistryNeverDependsOnSpringBootAndTalksToCnosOperationsOnly() {
		noClasses().that()
			.resideInAPackage("io.cnosdb.micrometer..")
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage("io.cnosdb.autoconfigure..", "io.cnosdb.health..", "org.springframework.boot..",
					"io.cnosdb.client.batch..")
			.orShould()
			.dependOnClassesThat()
			.haveFullyQualifiedName("io.cnosdb.client.CnosTemplate")
			.orShould()
			.dependOnClassesThat()
			.haveFullyQualifiedName("io.cnosdb.client.CnosHttpExchange")
			.check(CLASSES);
	}

	@Test
	void onlyTheExecutionCoreHoldsTheRestClientThatTheBuilderMakes() {
		noClasses().that()
			.doNotHaveFullyQualifiedName("io.cnosdb.client.CnosHttpExchange")
			.and()
			.doNotHaveFullyQualifiedName("io.cnosdb.client.CnosTemplate$Builder")
			.and()
			.resideOutsideOfPackage("io.cnosdb.autoconfigure..")
			.should()
			.dependOnClassesThat()
			.haveFullyQualifiedName("org.springframework.web.client.RestClient")
			.check(CLASSES);
	}

	@Test
	void encodingAndSqlRenderingSitBelowTheTemplate() {
		noClasses().that()
			.resideInAnyPackage("io.cnosdb.client.write..", "io.cnosdb.client.sql..", "io.cnosdb.client.admin..")
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage("io.cnosdb.client", "io.cnosdb.client.batch..", "io.cnosdb.client.csv..")
			.check(CLASSES);
	}

	@Test
	void batchingAndCsvImportTalkToCnosOperationsNeverToTheTemplate() {
		noClasses().that()
			.resideInAnyPackage("io.cnosdb.client.batch..", "io.cnosdb.client.csv..")
			.should()
			.dependOnClassesThat()
			.haveFullyQualifiedName("io.cnosdb.client.CnosTemplate")
			.orShould()
			.dependOnClassesThat()
			.haveFullyQualifiedName("io.cnosdb.client.CnosHttpExchange")
			.check(CLASSES);
	}

	@Test
	void batchingAndCsvImportDoNotKnowEachOther() {
		noClasses().that()
			.resideInAPackage("io.cnosdb.client.batch..")
			.should()
			.dependOnClassesThat()
			.resideInAPackage("io.cnosdb.client.csv..")
			.check(CLASSES);
		noClasses().that()
			.resideInAPackage("io.cnosdb.client.csv..")
			.should()
			.dependOnClassesThat()
			.resideInAPackage("io.cnosdb.client.batch..")
			.check(CLASSES);
	}

	@Test
	void sqlRenderingTalksNoHttp() {
		noClasses().that()
			.resideInAnyPackage("io.cnosdb.client.sql..", "io.cnosdb.client.admin..")
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage("org.springframework.web..", "org.springframework.http..", "java.net.http..")
			.allowEmptyShould(true)
			.check(CLASSES);
	}

	@Test
	void autoConfigurationsArePublicFinal() {
		classes().that()
			.haveSimpleNameEndingWith("AutoConfiguration")
			.should()
			.bePublic()
			.andShould()
			.haveModifier(com.tngtech.archunit.core.domain.JavaModifier.FINAL)
			.check(CLASSES);
	}

}
