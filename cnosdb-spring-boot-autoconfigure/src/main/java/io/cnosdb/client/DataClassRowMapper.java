package io.cnosdb.client;

import java.beans.PropertyDescriptor;
import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import io.cnosdb.client.support.CnosValueConverter;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.BeanUtils;
import org.springframework.dao.InvalidDataAccessApiUsageException;
import org.springframework.util.ReflectionUtils;

/**
 * The {@link CnosRowMapper} behind {@link CnosRowMapper#of(Class)}: single values,
 * records and beans, matched to columns by name. The plan (which column feeds which
 * constructor argument or setter) is built from the first row and reused while the
 * columns stay the same.
 *
 * @param <T> the mapped type
 * @author CnosDB Spring Boot contributors
 */
final class DataClassRowMapper<T> implements CnosRowMapper<@Nullable T> {

	private final Class<T> type;

	private final boolean singleValue;

	private volatile @Nullable Plan<T> plan;

	DataClassRowMapper(Class<T> type) {
		this.type = type;
		this.singleValue = CnosValueConverter.isSingleValueType(type);
		if (!this.singleValue && !type.isRecord()) {
			// Fail at once, not on the first row, when the type cannot be built.
			BeanUtils.getResolvableConstructor(type);
		}
	}

	@Override
	public @Nullable T mapRow(CnosRow row, int rowNum) {
		if (this.singleValue) {
			if (row.size() != 1) {
				throw new InvalidDataAccessApiUsageException("Cannot map a row of " + row.size() + " columns "
						+ row.getColumnNames() + " to " + this.type.getName() + ": a single column is required");
			}
			return row.get(0, this.type);
		}
		Plan<T> current = this.plan;
		if (current == null || !current.columns.equals(row.getColumnNames())) {
			current = (this.type.isRecord()) ? recordPlan(row) : beanPlan(row);
			this.plan = current;
		}
		return current.map(row);
	}

	@SuppressWarnings("unchecked")
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
		return new Plan<>(row.getColumnNames(), (source) -> {
			Object[] args = new Object[indexes.length];
			for (int i = 0; i < indexes.length; i++) {
				args[i] = source.get(indexes[i], types[i]);
			}
			return BeanUtils.instantiateClass(constructor, args);
		});
	}

	private Plan<T> beanPlan(CnosRow row) {
		Constructor<T> constructor = BeanUtils.getResolvableConstructor(this.type);
		if (constructor.getParameterCount() > 0) {
			throw new InvalidDataAccessApiUsageException(
					"Cannot map to " + this.type.getName() + ": it needs a record or a no-argument constructor");
		}
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
		return new Plan<>(row.getColumnNames(), (source) -> {
			T bean = BeanUtils.instantiateClass(constructor);
			for (int i = 0; i < setters.size(); i++) {
				Method setter = setters.get(i);
				Object value = source.get(indexes.get(i), setter.getParameterTypes()[0]);
				ReflectionUtils.invokeMethod(setter, bean, value);
			}
			return bean;
		});
	}

	private static int findColumn(CnosRow row, String property) {
		String wanted = normalize(property);
		List<String> columns = row.getColumnNames();
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

	private record Plan<T>(List<String> columns, java.util.function.Function<CnosRow, T> mapper) {

		T map(CnosRow row) {
			return this.mapper.apply(row);
		}

	}

}
