package io.cnosdb.sample;

import java.nio.charset.StandardCharsets;

import com.github.tomakehurst.wiremock.WireMockServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Calls the write endpoints of the sample against a WireMock server that answers as
 * CnosDB does, and checks what reached it.
 */
@SpringBootTest(properties = { "cnosdb.write.batch.flush-interval=50ms", "sample.sensor.enabled=false" })
@AutoConfigureMockMvc
class WriteControllerTests {

	private static final WireMockServer cnosdb = new WireMockServer(
			wireMockConfig().dynamicPort().bindAddress("127.0.0.1"));

	static {
		cnosdb.start();
	}

	@Autowired
	private MockMvcTester mvc;

	@DynamicPropertySource
	static void cnosdbUrl(DynamicPropertyRegistry registry) {
		registry.add("cnosdb.url", cnosdb::baseUrl);
	}

	@AfterAll
	static void stopServer() {
		cnosdb.stop();
	}

	@BeforeEach
	void answerLikeCnosDb() {
		cnosdb.resetAll();
		cnosdb.stubFor(post(urlPathEqualTo("/api/v1/write"))
			.willReturn(aResponse().withStatus(200).withHeader("content-length", "0")));
		cnosdb.stubFor(post(urlPathEqualTo("/api/v1/sql")).withRequestBody(equalTo("DESCRIBE TABLE \"air\""))
			.willReturn(aResponse().withStatus(200)
				.withHeader("content-type", "application/csv")
				.withHeader("content-encoding", "identity")
				.withBody("column_name,data_type,column_type,compression_codec\n"
						+ "time,TIMESTAMP(NANOSECOND),TIME,DEFAULT\nstation,STRING,TAG,DEFAULT\n"
						+ "temperature,DOUBLE,FIELD,DEFAULT\nvisibility,DOUBLE,FIELD,DEFAULT\n")));
	}

	@Test
	void pointIsWrittenAtOnce() {
		assertThat(this.mvc.post()
			.uri("/writes/point")
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"station\":\"XiaoMaiDao\",\"temperature\":69.5,\"visibility\":53,"
					+ "\"time\":\"2023-11-14T22:13:20Z\"}"))
			.hasStatusOk()
			.bodyJson()
			.extractingPath("$.written")
			.isEqualTo(1);
		cnosdb.verify(postRequestedFor(urlPathEqualTo("/api/v1/write")).withQueryParam("precision", equalTo("ns"))
			.withRequestBody(equalTo("air,station=XiaoMaiDao temperature=69.5,visibility=53 1700000000000000000\n")));
	}

	@Test
	void batchIsAcknowledgedWhenAskedToWait() {
		assertThat(this.mvc.post()
			.uri("/writes/batch?wait=true")
			.contentType(MediaType.APPLICATION_JSON)
			.content("[{\"station\":\"a\",\"temperature\":1,\"visibility\":2,\"time\":\"2023-11-14T22:13:20Z\"},"
					+ "{\"station\":\"b\",\"temperature\":3,\"visibility\":4,\"time\":\"2023-11-14T22:13:21Z\"}]"))
			.hasStatusOk();
		cnosdb.verify(postRequestedFor(urlPathEqualTo("/api/v1/write"))
			.withRequestBody(equalTo("air,station=a temperature=1,visibility=2 1700000000000000000\n"
					+ "air,station=b temperature=3,visibility=4 1700000001000000000\n")));
	}

	@Test
	void rowsAreWrittenAsThePointsOfTheSameReadingsAreAndAcknowledgedWhenAskedToWait() {
		assertThat(this.mvc.post()
			.uri("/writes/rows?wait=true")
			.contentType(MediaType.APPLICATION_JSON)
			.content("[{\"station\":\"a\",\"temperature\":1,\"visibility\":2,\"time\":\"2023-11-14T22:13:20Z\"},"
					+ "{\"station\":\"b c\",\"temperature\":3.5,\"visibility\":4,\"time\":\"2023-11-14T22:13:21Z\"}]"))
			.hasStatusOk()
			.bodyJson()
			.extractingPath("$.written")
			.isEqualTo(2);
		cnosdb.verify(1, postRequestedFor(urlPathEqualTo("/api/v1/write")));
		cnosdb.verify(postRequestedFor(urlPathEqualTo("/api/v1/write")).withQueryParam("precision", equalTo("ns"))
			.withRequestBody(equalTo("air,station=a temperature=1,visibility=2 1700000000000000000\n"
					+ "air,station=b\\ c temperature=3.5,visibility=4 1700000001000000000\n")));
	}

	@Test
	void csvUploadIsImportedAndAMalformedRowIsReportedWithItsLine() {
		MockMultipartFile file = new MockMultipartFile("file", "air.csv", "text/csv",
				"time,station,temperature,visibility\n1,a,1.5,2\n2,b,oops,3\n".getBytes(StandardCharsets.UTF_8));
		assertThat(this.mvc.post().uri("/writes/csv/air").multipart().file(file)).hasStatus(422)
			.bodyJson()
			.satisfies((json) -> {
				json.assertThat().extractingPath("$.line").isEqualTo(3);
				json.assertThat().extractingPath("$.column").isEqualTo("temperature");
				json.assertThat().extractingPath("$.rowsWritten").isEqualTo(1);
			});
		cnosdb.verify(1, postRequestedFor(urlPathEqualTo("/api/v1/write")));
		cnosdb.verify(
				postRequestedFor(anyUrl()).withRequestBody(equalTo("air,station=a temperature=1.5,visibility=2 1\n")));
	}

}
