package io.cnosdb.client;

import java.beans.PropertyDescriptor;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

import io.cnosdb.client.support.CnosValueConverter;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.BeanInstantiationException;
import org.springframework.beans.BeanUtils;
import org.springframework.dao.InvalidDataAccessApiUsageException;
import org.springframework.util.ReflectionUtils;

/**
 * The {@link CnosRowMapper} behind {@link CnosRowMapper#of(Class)}: single values,
 * records and beans, matched to columns by name. The plan (which column feeds which
 * constructor argument or setter, and the conversion of each) is built from the first row
 * and reused while the columns stay the same, so that mapping a row does no lookups.
 *
 * @param <T> the mapped type
 * @author CnosDB Spring Boot contributors
 */
final class DataClassRowMapper<T> implements CnosRowMapper<@Nullable T> {

	private static final Object[] NO_ARGS = {};

	private final Class<T> type;

	private final CnosValueConverter.@Nullable ValueReader<T> singleValue;

	private volatile @Nullable Plan<T> plan;

	DataClassRowMapper(Class<T> type) {
		this.type = type;
		this.singleValue = CnosValueConverter.isSingleValueType(type) ? CnosValueConverter.reader(type) : null;
		if (this.singleValue == null && !type.isRecord()) {
			// Fail at once, not on the first row, when the type cannot be built.
			BeanUtils.getResolvableConstructor(type);
		}
	}

	@Override
	public @Nullable T mapRow(CnosRow row, int rowNum) {
		CnosValueConverter.ValueReader<T> single = this.singleValue;
		if (single != null) {
			if (row.size() != 1) {
				throw new InvalidDataAccessApiUsageException("Cannot map a row of " + row.size() + " columns "
						+ row.getColumnNames() + " to " + this.type.getName() + ": a single column is required");
			}
			return single.read(row.value(0), row.getColumnNames().get(0));
		}
		Plan<T> current = this.plan;
		List<String> columns = row.getColumnNames();
		// The rows of one result share their column list.
		if (current == null || (current.columns != columns && !current.columns.equals(columns))) {
			current = (this.type.isRecord()) ? recordPlan(row) : beanPlan(row);
			this.plan = current;
		}
		return current.map(row);
	}

	/**
	 * Return a reader that maps the rows of a result with these columns without a
	 * {@link CnosRow} per row, or {@code null} when this mapper maps through rows: single
	 * values, beans, and records whose components do not match distinct columns in column
	 * order (or miss one: the row route reports that on the first row, as it always has).
	 * @param columns the column names of the result
	 * @return the reader, or {@code null}
	 */
	@Nullable RecordRowReader<T> recordReader(List<String> columns) {
		if (this.singleValue != null || !this.type.isRecord()) {
			return null;
		}
		RecordComponent[] components = this.type.getRecordComponents();
		int[] columnOfComponent = new int[components.length];
		int previous = -1;
		for (int i = 0; i < components.length; i++) {
			int column = findColumn(columns, components[i].getName());
			if (column <= previous) {
				return null;
			}
			columnOfComponent[i] = column;
			previous = column;
		}
		return RecordRowReader.of(this.type, columnOfComponent, columns);
	}

	private Plan<T> recordPlan(CnosRow row) {
		RecordComponent[] components = this.type.getRecordComponents();
		Class<?>[] types = new Class<?>[components.length];
		int[] indexes = new int[components.length];
		for (int i = 0; i < components.length; i++) {
			types[i] = components[i].getType();
			indexes[i] = findColumn(row, components[i].getName());
			if (indexes[i] < 0) {
				throw new InvalidDataAccessApiUsageException(
						"Cannot map to record " + this.type.getName() + ": no column matches component '"
								+ components[i].getName() + "'; the columns are " + row.getColumnNames());
			}
		}
		Constructor<T> constructor;
		try {
			constructor = this.type.getDeclaredConstructor(types);
		}
		catch (NoSuchMethodException ex) {
			throw new IllegalStateException("Record " + this.type.getName() + " has no canonical constructor", ex);
		}
		ReflectionUtils.makeAccessible(constructor);
		// Skip the access check on every call where the module system allows it.
		constructor.trySetAccessible();
		Cell[] cells = cells(row, indexes, types);
		return new Plan<>(row.getColumnNames(), (source) -> {
			Object[] args = new Object[cells.length];
			for (int i = 0; i < cells.length; i++) {
				args[i] = cells[i].read(source);
			}
			return instantiate(constructor, args);
		});
	}

	private Plan<T> beanPlan(CnosRow row) {
		Constructor<T> constructor = BeanUtils.getResolvableConstructor(this.type);
		if (constructor.getParameterCount() > 0) {
			throw new InvalidDataAccessApiUsageException(
					"Cannot map to " + this.type.getName() + ": it needs a record or a no-argument constructor");
		}
		ReflectionUtils.makeAccessible(constructor);
		List<Method> setters = new ArrayList<>();
		List<Integer> indexes = new ArrayList<>();
		for (PropertyDescriptor property : BeanUtils.getPropertyDescriptors(this.type)) {
			Method setter = property.getWriteMethod();
			int index = (setter != null) ? findColumn(row, property.getName()) : -1;
			if (index >= 0) {
				ReflectionUtils.makeAccessible(setter);
				setters.add(setter);
				indexes.add(index);
			}
		}
		if (setters.isEmpty()) {
			throw new InvalidDataAccessApiUsageException("Cannot map to " + this.type.getName()
					+ ": none of its properties matches a column of " + row.getColumnNames());
		}
		Method[] methods = setters.toArray(new Method[0]);
		Class<?>[] types = new Class<?>[methods.length];
		for (int i = 0; i < methods.length; i++) {
			types[i] = methods[i].getParameterTypes()[0];
		}
		Cell[] cells = cells(row, indexes.stream().mapToInt(Integer::intValue).toArray(), types);
		return new Plan<>(row.getColumnNames(), (source) -> {
			T bean = instantiate(constructor, NO_ARGS);
			for (int i = 0; i < methods.length; i++) {
				ReflectionUtils.invokeMethod(methods[i], bean, cells[i].read(source));
			}
			return bean;
		});
	}

	private static Cell[] cells(CnosRow row, int[] indexes, Class<?>[] types) {
		Cell[] cells = new Cell[indexes.length];
		for (int i = 0; i < indexes.length; i++) {
			cells[i] = new Cell(indexes[i], row.getColumnNames().get(indexes[i]), CnosValueConverter.reader(types[i]));
		}
		return cells;
	}

	/**
	 * Call a constructor, reporting failures as {@link BeanUtils#instantiateClass} does.
	 * The arguments are never {@code null} for a primitive parameter: the converter
	 * refuses NULL for those.
	 */
	private static <T> T instantiate(Constructor<T> constructor, Object[] args) {
		try {
			return constructor.newInstance(args);
		}
		catch (InstantiationException ex) {
			throw new BeanInstantiationException(constructor, "Is it an abstract class?", ex);
		}
		catch (IllegalAccessException ex) {
			throw new BeanInstantiationException(constructor, "Is the constructor accessible?", ex);
		}
		catch (IllegalArgumentException ex) {
			throw new BeanInstantiationException(constructor, "Illegal arguments for constructor", ex);
		}
		catch (InvocationTargetException ex) {
			throw new BeanInstantiationException(constructor, "Constructor threw exception", ex.getTargetException());
		}
	}

	private static int findColumn(CnosRow row, String property) {
		return findColumn(row.getColumnNames(), property);
	}

	private static int findColumn(List<String> columns, String property) {
		String wanted = normalize(property);
		for (int i = 0; i < columns.size(); i++) {
			if (normalize(columns.get(i)).equals(wanted)) {
				return i;
			}
		}
		return -1;
	}

	private static String normalize(String name) {
		return name.replace("_", "").toLowerCase(Locale.ROOT);
	}

	/** One column read as one type. */
	private record Cell(int index, String column, CnosValueConverter.ValueReader<?> reader) {

		@Nullable Object read(CnosRow row) {
			return this.reader.read(row.value(this.index), this.column);
		}

	}

	private record Plan<T>(List<String> columns, Function<CnosRow, T> mapper) {

		T map(CnosRow row) {
			return this.mapper.apply(row);
		}

	}

}
