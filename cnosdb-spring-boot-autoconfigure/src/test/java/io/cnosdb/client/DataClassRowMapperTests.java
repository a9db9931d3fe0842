package io.cnosdb.client;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.beans.BeanInstantiationException;
import org.springframework.dao.InvalidDataAccessApiUsageException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link CnosRowMapper#of(Class)}.
 */
class DataClassRowMapperTests {

	private static final CnosRow.Columns COLUMNS = new CnosRow.Columns(List.of("time", "host_name", "usage_idle"));

	private static CnosRow row(String... values) {
		return new CnosRow(COLUMNS, Arrays.copyOf(values, values.length));
	}

	@Test
	void recordComponentsMatchColumnsIgnoringCaseAndUnderscores() {
		CnosRowMapper<Cpu> mapper = CnosRowMapper.of(Cpu.class);
		assertThat(mapper.mapRow(row("2023-07-28T02:12:11.000000000", "h1", "97.5"), 0))
			.isEqualTo(new Cpu(Instant.parse("2023-07-28T02:12:11Z"), "h1", 97.5));
	}

	@Test
	void beanPropertiesAreSetThroughSetters() {
		CpuBean bean = CnosRowMapper.of(CpuBean.class).mapRow(row("2023-07-28T02:12:11.000000000", "h1", null), 0);
		assertThat(bean.getHostName()).isEqualTo("h1");
		assertThat(bean.getTime()).isEqualTo(Instant.parse("2023-07-28T02:12:11Z"));
		assertThat(bean.getUsageIdle()).isNull();
	}

	@Test
	void recordComponentWithoutColumnFailsNamingIt() {
		assertThatExceptionOfType(InvalidDataAccessApiUsageException.class)
			.isThrownBy(() -> CnosRowMapper.of(Missing.class).mapRow(row("2023-07-28T02:12:11", "h1", "1"), 0))
			.withMessageContaining("no column matches component 'region'")
			.withMessageContaining("[time, host_name, usage_idle]");
	}

	@Test
	void primitiveComponentRefusesNull() {
		assertThatExceptionOfType(org.springframework.dao.TypeMismatchDataAccessException.class)
			.isThrownBy(() -> CnosRowMapper.of(Primitive.class).mapRow(row("2023-07-28T02:12:11", "h1", null), 0))
			.withMessage("Column 'usage_idle' is NULL and cannot be read as primitive double");
	}

	@Test
	void recordConstructorFailureIsReportedAsBeanUtilsReportsIt() {
		CnosRowMapper<Checked> mapper = CnosRowMapper.of(Checked.class);
		assertThat(mapper.mapRow(row("2023-07-28T02:12:11", "h1", "1.5"), 0)).isEqualTo(new Checked("h1", 1.5));
		assertThatExceptionOfType(BeanInstantiationException.class)
			.isThrownBy(() -> mapper.mapRow(row("2023-07-28T02:12:11", "h1", "-1"), 1))
			.withMessage("Failed to instantiate [" + Checked.class.getName() + "]: Constructor threw exception")
			.withCauseInstanceOf(IllegalArgumentException.class);
	}

	@Test
	void planIsReusedForRowsOfTheSameColumnsAndRebuiltForOthers() {
		CnosRowMapper<Cpu> mapper = CnosRowMapper.of(Cpu.class);
		assertThat(mapper.mapRow(row("2023-07-28T02:12:11", "h1", "1"), 0).hostName()).isEqualTo("h1");
		CnosRow.Columns reordered = new CnosRow.Columns(List.of("usage_idle", "HostName", "time"));
		assertThat(mapper.mapRow(new CnosRow(reordered, new String[] { "2", "h2", "2023-07-28T02:12:12" }), 1))
			.isEqualTo(new Cpu(Instant.parse("2023-07-28T02:12:12Z"), "h2", 2.0));
		assertThat(mapper.mapRow(row("2023-07-28T02:12:13", "h3", "3"), 2))
			.isEqualTo(new Cpu(Instant.parse("2023-07-28T02:12:13Z"), "h3", 3.0));
	}

	record Cpu(Instant time, String hostName, Double usageIdle) {
	}

	record Checked(String hostName, double usageIdle) {

		Checked {
			if (usageIdle < 0) {
				throw new IllegalArgumentException("negative usage");
			}
		}

	}

	record Missing(String hostName, String region) {
	}

	record Primitive(double usageIdle) {
	}

	public static class CpuBean {

		private Instant time;

		private String hostName;

		private Double usageIdle;

		public Instant getTime() {
			return this.time;
		}

		public void setTime(Instant time) {
			this.time = time;
		}

		public String getHostName() {
			return this.hostName;
		}

		public void setHostName(String hostName) {
			this.hostName = hostName;
		}

		public Double getUsageIdle() {
			return this.usageIdle;
		}

		public void setUsageIdle(Double usageIdle) {
			this.usageIdle = usageIdle;
		}

	}

}
