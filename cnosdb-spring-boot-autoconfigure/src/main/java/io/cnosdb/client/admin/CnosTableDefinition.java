package io.cnosdb.client.admin;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

import io.cnosdb.client.sql.CnosSql;
import org.jspecify.annotations.Nullable;

/**
 * A table for {@code CREATE TABLE}: its name, its field columns (each with a type and
 * optionally a codec) and its tag columns (always strings). The {@code time} column is
 * implicit and takes the database's precision.
 * <p>
 * Immutable; build with {@link #builder(String)}: <pre class="code">
 * CnosTableDefinition air = CnosTableDefinition.builder("air")
 *     .field("temperature", CnosFieldType.DOUBLE, CnosCodec.GORILLA)
 *     .field("visibility", CnosFieldType.DOUBLE)
 *     .tag("station")
 *     .build();
 * </pre>
 *
 * @author CnosDB Spring Boot contributors
 */
public final class CnosTableDefinition {

	private final String name;

	private final List<Field> fields;

	private final List<String> tags;

	private CnosTableDefinition(String name, List<Field> fields, List<String> tags) {
		this.name = name;
		this.fields = List.copyOf(fields);
		this.tags = List.copyOf(tags);
	}

	/**
	 * Start defining a table.
	 * @param name the table name (CnosDB refuses a {@code /} in it)
	 * @return a new builder
	 * @throws IllegalArgumentException if CnosDB cannot create a table of this name
	 */
	public static Builder builder(String name) {
		CnosSql.checkNewName("table", name);
		return new Builder(name);
	}

	/**
	 * Return the table name.
	 * @return the name
	 */
	public String getName() {
		return this.name;
	}

	/**
	 * Return the field columns, in the order given.
	 * @return the fields
	 */
	public List<Field> getFields() {
		return this.fields;
	}

	/**
	 * Return the tag columns, in the order given.
	 * @return the tag names
	 */
	public List<String> getTags() {
		return this.tags;
	}

	@Override
	public boolean equals(@Nullable Object other) {
		return (this == other) || (other instanceof CnosTableDefinition that && this.name.equals(that.name)
				&& this.fields.equals(that.fields) && this.tags.equals(that.tags));
	}

	@Override
	public int hashCode() {
		return Objects.hash(this.name, this.fields, this.tags);
	}

	@Override
	public String toString() {
		return "CnosTableDefinition[name=" + this.name + ", fields=" + this.fields + ", tags=" + this.tags + "]";
	}

	/**
	 * A field column.
	 *
	 * @param name the column name
	 * @param type the type
	 * @param codec the codec, or {@code null} for the server's default without naming it
	 */
	public record Field(String name, CnosFieldType type, @Nullable CnosCodec codec) {

	}

	/**
	 * Builds a {@link CnosTableDefinition}. Column names are checked as they are added.
	 */
	public static final class Builder {

		private final String name;

		private final List<Field> fields = new ArrayList<>();

		private final List<String> tags = new ArrayList<>();

		private final Set<String> columns = new HashSet<>();

		private Builder(String name) {
			this.name = name;
		}

		/**
		 * Add a field column with the type's default codec.
		 * @param name the column name
		 * @param type the type
		 * @return this builder
		 * @throws IllegalArgumentException if the name is unusable or taken
		 */
		public Builder field(String name, CnosFieldType type) {
			Objects.requireNonNull(type, "type must not be null");
			addColumn(name);
			this.fields.add(new Field(name, type, null));
			return this;
		}

		/**
		 * Add a field column with a codec.
		 * @param name the column name
		 * @param type the type
		 * @param codec a codec the type supports ({@link CnosFieldType#codecs()})
		 * @return this builder
		 * @throws IllegalArgumentException if the name is unusable or taken, or the type
		 * does not support the codec
		 */
		public Builder field(String name, CnosFieldType type, CnosCodec codec) {
			Objects.requireNonNull(type, "type must not be null");
			Objects.requireNonNull(codec, "codec must not be null");
			if (!type.supports(codec)) {
				throw new IllegalArgumentException("codec " + codec + " is not supported for " + type.sql()
						+ " column '" + name + "'; CnosDB allows " + type.codecs());
			}
			addColumn(name);
			this.fields.add(new Field(name, type, codec));
			return this;
		}

		/**
		 * Add a tag column.
		 * @param name the column name
		 * @return this builder
		 * @throws IllegalArgumentException if the name is unusable or taken
		 */
		public Builder tag(String name) {
			addColumn(name);
			this.tags.add(name);
			return this;
		}

		private void addColumn(String column) {
			CnosSql.checkName("column", column);
			if (column.equals("time")) {
				throw new IllegalArgumentException(
						"column 'time' is implicit in every CnosDB table and cannot be declared");
			}
			if (!this.columns.add(column)) {
				throw new IllegalArgumentException(
						"column '" + column + "' is declared twice in table '" + this.name + "'");
			}
		}

		/**
		 * Build the definition.
		 * @return the definition
		 * @throws IllegalArgumentException if there is no field column (CnosDB needs at
		 * least one)
		 */
		public CnosTableDefinition build() {
			if (this.fields.isEmpty()) {
				throw new IllegalArgumentException("table '" + this.name
						+ "' needs at least one field column; CnosDB refuses a table of tags only");
			}
			return new CnosTableDefinition(this.name, this.fields, this.tags);
		}

	}

}
