package io.cnosdb.client;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Constructor;
import java.lang.reflect.RecordComponent;
import java.time.Instant;
import java.util.List;

import io.cnosdb.client.support.CnosValueConverter;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.BeanInstantiationException;

/**
 * Reads the rows of one result straight into a record, for {@link DataClassRowMapper}:
 * the {@link ResultCursor} hands the reader each field where it lies in the CSV parser's
 * buffer, the reader converts it there (a number or a boolean never becomes a
 * {@code String}) and keeps it in a slot of its component ({@code long}, {@code double}
 * or reference, reused from row to row), and the canonical constructor is called through
 * a method handle that takes its arguments from the slots, so that a row costs no
 * {@link CnosRow}, no array of texts, no array of arguments and no boxed primitives.
 * <p>
 * The conversions, their order and their errors are those of the {@link CnosRow} route:
 * the reader is only used when the components match distinct columns in column order, so
 * cells are converted in component order; the first conversion of a row that fails is
 * thrown by {@link #build()} once the cursor has read the whole record, as the mapper
 * would throw it. Not thread-safe: one reader per result.
 *
 * @param <T> the record type
 * @author CnosDB Spring Boot contributors
 */
final class RecordRowReader<T> implements ResultFields.Target {

	/** A column no component reads. */
	static final int SKIP = 0;

	/** A component of type {@code long}. */
	static final int LONG = 1;

	/** A component of type {@code int}. */
	static final int INT = 2;

	/** A component of type {@code double}. */
	static final int DOUBLE = 3;

	/** A component of type {@code boolean}. */
	static final int BOOLEAN = 4;

	/**
	 * A component of any other type, read by its {@link CnosValueConverter.ValueReader}.
	 */
	static final int OBJECT = 5;

	/** A component of type {@code String}. */
	static final int STRING = 6;

	/** A component of type {@code Instant}. */
	static final int INSTANT = 7;

	private final RecordConstructor<T> constructor;

	/** By column: how its cell is read. */
	private final int[] kinds;

	/** By column: the component it fills. */
	private final int[] components;

	/** By column: its name, for error messages. */
	private final String[] names;

	/** By column: the reader of an {@link #OBJECT} cell. */
	private final CnosValueConverter.@Nullable ValueReader<?>[] readers;

	private final Slots slots;

	private @Nullable RuntimeException failure;

	private RecordRowReader(RecordConstructor<T> constructor, int[] kinds, int[] components, String[] names,
			CnosValueConverter.@Nullable ValueReader<?>[] readers) {
		this.constructor = constructor;
		this.kinds = kinds;
		this.components = components;
		this.names = names;
		this.readers = readers;
		this.slots = new Slots(constructor.arity);
	}

	/**
	 * Convert a field of the record being read, if a component reads its column: straight
	 * from FastCSV's buffer for numbers and booleans, as text for the rest. The first
	 * cell of the record that cannot be converted is kept for {@link #build()}, so that
	 * it is thrown only once the whole record has been read and its field count checked;
	 * the cells after it are still converted (no check per cell on the common path).
	 * Fields beyond the header's columns are not read.
	 */
	@Override
	public void field(int column, char[] buffer, int offset, int length) {
		if (column >= this.kinds.length) {
			return;
		}
		try {
			switch (this.kinds[column]) {
				case LONG -> this.slots.longs[this.components[column]] = CnosValueConverter.readLong(buffer, offset,
						length, this.names[column]);
				case DOUBLE -> this.slots.doubles[this.components[column]] = CnosValueConverter.readDouble(buffer,
						offset, length, this.names[column]);
				case BOOLEAN -> this.slots.longs[this.components[column]] = CnosValueConverter.readBoolean(buffer,
						offset, length, this.names[column]) ? 1 : 0;
				case STRING ->
					this.slots.references[this.components[column]] = CnosValueConverter.text(buffer, offset, length);
				case INSTANT -> this.slots.references[this.components[column]] = CnosValueConverter
					.readInstant(CnosValueConverter.text(buffer, offset, length), this.names[column]);
				case SKIP -> {
				}
				default -> readOther(column, CnosValueConverter.text(buffer, offset, length));
			}
		}
		catch (RuntimeException ex) {
			// The mapper throws the first value it cannot convert.
			if (this.failure == null) {
				this.failure = ex;
			}
		}
	}

	/** Read a cell of a kind less common than those {@link #field} reads itself. */
	private void readOther(int column, @Nullable String cell) {
		int component = this.components[column];
		if (this.kinds[column] == INT) {
			this.slots.longs[component] = CnosValueConverter.readInt(cell, this.names[column]);
		}
		else {
			this.slots.references[component] = read(column, cell);
		}
	}

	private @Nullable Object read(int column, @Nullable String text) {
		CnosValueConverter.ValueReader<?> reader = this.readers[column];
		return (reader != null) ? reader.read(text, this.names[column]) : null;
	}

	/**
	 * Build the record of the row whose cells were just read, or throw the failure of its
	 * first cell that could not be converted.
	 * @return the record
	 */
	T build() {
		RuntimeException failed = this.failure;
		if (failed != null) {
			this.failure = null;
			throw failed;
		}
		return this.constructor.create(this.slots);
	}

	/**
	 * Return a reader of a result whose columns feed the components of a record.
	 * @param <T> the record type
	 * @param type the record type
	 * @param columnOfComponent by component, the index of its column, increasing
	 * @param columns the column names of the result
	 * @return the reader, or {@code null} when the record's constructor cannot be called
	 * through a method handle (the {@link CnosRow} route then reports why)
	 */
	static <T> @Nullable RecordRowReader<T> of(Class<T> type, int[] columnOfComponent, List<String> columns) {
		RecordConstructor<T> constructor = RecordConstructor.of(type);
		if (constructor == null) {
			return null;
		}
		int[] kinds = new int[columns.size()];
		int[] components = new int[columns.size()];
		String[] names = columns.toArray(new String[0]);
		CnosValueConverter.@Nullable ValueReader<?>[] readers = new CnosValueConverter.ValueReader<?>[columns.size()];
		for (int component = 0; component < columnOfComponent.length; component++) {
			int column = columnOfComponent[component];
			Class<?> componentType = constructor.types[component];
			components[column] = component;
			kinds[column] = kindOf(componentType);
			if (kinds[column] == OBJECT) {
				readers[column] = CnosValueConverter.reader(componentType);
			}
		}
		return new RecordRowReader<>(constructor, kinds, components, names, readers);
	}

	private static int kindOf(Class<?> type) {
		if (type == long.class) {
			return LONG;
		}
		if (type == int.class) {
			return INT;
		}
		if (type == double.class) {
			return DOUBLE;
		}
		if (type == boolean.class) {
			return BOOLEAN;
		}
		if (type == String.class) {
			return STRING;
		}
		if (type == Instant.class) {
			return INSTANT;
		}
		return OBJECT;
	}

	/**
	 * The values of one row, by component; reused from row to row and never seen by user
	 * code.
	 */
	static final class Slots {

		final long[] longs;

		final double[] doubles;

		final @Nullable Object[] references;

		Slots(int arity) {
			this.longs = new long[arity];
			this.doubles = new double[arity];
			this.references = new Object[arity];
		}

		static long longAt(Slots slots, int index) {
			return slots.longs[index];
		}

		static int intAt(Slots slots, int index) {
			return (int) slots.longs[index];
		}

		static double doubleAt(Slots slots, int index) {
			return slots.doubles[index];
		}

		static boolean booleanAt(Slots slots, int index) {
			return slots.longs[index] != 0;
		}

		static @Nullable Object referenceAt(Slots slots, int index) {
			return slots.references[index];
		}

	}

	/**
	 * The canonical constructor of a record as a method handle from {@link Slots}, built
	 * once per record type: its invocation is compiled once, not once per result.
	 *
	 * @param <T> the record type
	 */
	static final class RecordConstructor<T> {

		private static final ClassValue<@Nullable RecordConstructor<?>> CONSTRUCTORS = new ClassValue<>() {

			@Override
			protected @Nullable RecordConstructor<?> computeValue(Class<?> type) {
				return create(type);
			}

		};

		private final Constructor<T> constructor;

		private final Class<?>[] types;

		private final int arity;

		/** {@code (Slots)Object}. */
		private final MethodHandle handle;

		private RecordConstructor(Constructor<T> constructor, Class<?>[] types, MethodHandle handle) {
			this.constructor = constructor;
			this.types = types;
			this.arity = types.length;
			this.handle = handle;
		}

		@SuppressWarnings("unchecked")
		static <T> @Nullable RecordConstructor<T> of(Class<T> type) {
			return (RecordConstructor<T>) CONSTRUCTORS.get(type);
		}

		private static <T> @Nullable RecordConstructor<T> create(Class<T> type) {
			RecordComponent[] recordComponents = type.getRecordComponents();
			if (recordComponents == null) {
				return null;
			}
			Class<?>[] types = new Class<?>[recordComponents.length];
			for (int i = 0; i < types.length; i++) {
				types[i] = recordComponents[i].getType();
			}
			try {
				Constructor<T> constructor = type.getDeclaredConstructor(types);
				if (!constructor.trySetAccessible()) {
					return null;
				}
				MethodHandles.Lookup lookup = MethodHandles.lookup();
				MethodHandle[] getters = new MethodHandle[types.length];
				for (int i = 0; i < types.length; i++) {
					getters[i] = MethodHandles.insertArguments(getter(lookup, types[i]), 1, i)
						.asType(MethodType.methodType(types[i], Slots.class));
				}
				MethodHandle handle = MethodHandles.filterArguments(lookup.unreflectConstructor(constructor), 0,
						getters);
				handle = MethodHandles.permuteArguments(handle, MethodType.methodType(type, Slots.class),
						new int[types.length]);
				return new RecordConstructor<>(constructor, types,
						handle.asType(MethodType.methodType(Object.class, Slots.class)));
			}
			catch (ReflectiveOperationException | RuntimeException | LinkageError ex) {
				// The CnosRow route calls the constructor by reflection and reports
				// why it cannot; a native image without the hints of
				// CnosClientRuntimeHints ends up there too.
				return null;
			}
		}

		private static MethodHandle getter(MethodHandles.Lookup lookup, Class<?> type)
				throws ReflectiveOperationException {
			return switch (kindOf(type)) {
				case LONG -> slotGetter(lookup, "longAt", long.class);
				case INT -> slotGetter(lookup, "intAt", int.class);
				case DOUBLE -> slotGetter(lookup, "doubleAt", double.class);
				case BOOLEAN -> slotGetter(lookup, "booleanAt", boolean.class);
				default -> slotGetter(lookup, "referenceAt", Object.class);
			};
		}

		private static MethodHandle slotGetter(MethodHandles.Lookup lookup, String name, Class<?> valueType)
				throws ReflectiveOperationException {
			return lookup.findStatic(Slots.class, name, MethodType.methodType(valueType, Slots.class, int.class));
		}

		/**
		 * Call the constructor, reporting a failure as {@link BeanInstantiationException}
		 * the way the reflective call of the {@link CnosRow} route does.
		 */
		@SuppressWarnings("unchecked")
		T create(Slots slots) {
			try {
				return (T) (Object) this.handle.invokeExact(slots);
			}
			catch (Throwable ex) {
				throw new BeanInstantiationException(this.constructor, "Constructor threw exception", ex);
			}
		}

	}

}
