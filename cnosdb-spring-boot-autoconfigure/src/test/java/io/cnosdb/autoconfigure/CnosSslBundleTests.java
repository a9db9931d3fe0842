package io.cnosdb.autoconfigure;

import java.nio.file.Path;
import java.util.List;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.cnosdb.client.CnosResourceFailureException;
import io.cnosdb.client.CnosServerStub;
import io.cnosdb.client.CnosTemplate;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration;
import org.springframework.boot.http.client.autoconfigure.HttpClientAutoConfiguration;
import org.springframework.boot.http.client.autoconfigure.imperative.ImperativeHttpClientAutoConfiguration;
import org.springframework.boot.restclient.autoconfigure.RestClientAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * {@code cnosdb.ssl.bundle} against an {@code https://127.0.0.1} server whose self-signed
 * certificate (test resources {@code io/cnosdb/ssl}: {@code server.p12}, password
 * {@code changeit}, for 127.0.0.1 and localhost, valid for 100 years) only the named
 * bundle trusts: ping and queries work through the bundle and fail clearly without it.
 */
class CnosSslBundleTests {

	private static final String PING = "{\"version\":\"2.4.2, revision UNKNOWN\",\"status\":\"healthy\"}";

	@RegisterExtension
	static WireMockExtension https = WireMockExtension.newInstance()
		.options(wireMockConfig().httpDisabled(true)
			.dynamicHttpsPort()
			.bindAddress("127.0.0.1")
			.keystorePath(Path.of("src/test/resources/io/cnosdb/ssl/server.p12").toAbsolutePath().toString())
			.keystoreType("PKCS12")
			.keystorePassword("changeit")
			.keyManagerPassword("changeit"))
		.build();

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(SslAutoConfiguration.class, HttpClientAutoConfiguration.class,
				ImperativeHttpClientAutoConfiguration.class, RestClientAutoConfiguration.class,
				CnosAutoConfiguration.class))
		.withPropertyValues(
				"spring.ssl.bundle.pem.cnosdb-test.truststore.certificate=classpath:io/cnosdb/ssl/server.crt");

	@BeforeEach
	void stubServer() {
		https.stubFor(get(urlEqualTo("/api/v1/ping")).willReturn(aResponse().withStatus(200)
			.withHeader("content-type", "application/json")
			.withHeader("content-length", String.valueOf(PING.length()))
			.withBody(PING)));
		https.stubFor(post(urlPathEqualTo("/api/v1/sql")).willReturn(CnosServerStub.csv("Int64(1)\n1\n")));
	}

	@Test
	void pingAndQueriesGoThroughTheNamedBundle() {
		this.contextRunner
			.withPropertyValues("cnosdb.url=https://127.0.0.1:" + https.getHttpsPort(), "cnosdb.ssl.bundle=cnosdb-test")
			.run((context) -> {
				CnosTemplate template = context.getBean(CnosTemplate.class);
				assertThat(template.ping().version()).isEqualTo("2.4.2");
				assertThat(template.queryForObject("SELECT 1", Long.class)).isEqualTo(1L);
				List<LoggedRequest> requests = https.findAll(anyRequestedFor(anyUrl()));
				assertThat(requests).extracting(LoggedRequest::getUrl)
					.containsExactly("/api/v1/ping", "/api/v1/sql?tenant=cnosdb&db=public");
				assertThat(requests).allSatisfy((request) -> assertThat(request.getProtocol()).isEqualTo("HTTP/1.1"));
				assertThat(requests.get(1).getBodyAsString()).isEqualTo("SELECT 1");
			});
	}

	@Test
	void aBundleThatCannotMakeAnSslContextStillFailsStartupThoughTheClientIsBuiltLater() {
		this.contextRunner
			.withPropertyValues("cnosdb.url=https://127.0.0.1:" + https.getHttpsPort(),
					"cnosdb.ssl.bundle=cnosdb-broken",
					"spring.ssl.bundle.pem.cnosdb-broken.truststore.certificate=classpath:io/cnosdb/ssl/missing.crt")
			.run((context) -> {
				assertThat(context).hasFailed();
				assertThat(context.getStartupFailure()).hasMessageContaining("Could not load SSL context")
					.hasMessageContaining("io/cnosdb/ssl/missing.crt");
			});
		assertThat(https.findAll(anyRequestedFor(anyUrl()))).isEmpty();
	}

	@Test
	void withoutTheBundleTheServerIsNotTrustedAndTheFailureSaysSo() {
		this.contextRunner.withPropertyValues("cnosdb.url=https://127.0.0.1:" + https.getHttpsPort()).run((context) -> {
			CnosTemplate template = context.getBean(CnosTemplate.class);
			Throwable thrown = catchThrowable(template::ping);
			assertThat(thrown).isInstanceOf(CnosResourceFailureException.class)
				.hasMessageStartingWith(
						"Ping failed: no TLS connection to CnosDB at https://127.0.0.1:" + https.getHttpsPort())
				.hasMessageContaining("check that the server's certificate is trusted (cnosdb.ssl.bundle");
			assertThat(https.findAll(anyRequestedFor(anyUrl()))).isEmpty();
		});
	}

}
