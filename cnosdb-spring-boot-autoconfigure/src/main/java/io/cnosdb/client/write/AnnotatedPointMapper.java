package io.cnosdb.client.write;

import java.lang.reflect.AccessibleObject;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.RecordComponent;
import java.math.BigInteger;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.jspecify.annotations.Nullable;

import org.springframework.util.ReflectionUtils;

/**
 * The {@link PointMapper} for classes annotated with {@link Measurement}: the annotations
 * are resolved once per class (cached in a {@link ClassValue}, which lets the class be
 * unloaded), then each object costs one accessor call per mapped member.
 *
 * @param <T> the mapped type
 * @author CnosDB Spring Boot contributors
 */
final class AnnotatedPointMapper<T> implements PointMapper<T> {

	private static final ClassValue<AnnotatedPointMapper<?>> CACHE = new ClassValue<>() {

		@Override
		protected AnnotatedPointMapper<?> computeValue(Class<?> type) {
			return new AnnotatedPointMapper<>(type);
		}

	};

	private final Class<T> type;

	private final String measurement;

	private final List<Mapped> tags = new ArrayList<>();

	private final List<Mapped> fields = new ArrayList<>();

	private @Nullable Mapped timestamp;

	private AnnotatedPointMapper(Class<T> type) {
		this.type = type;
		Measurement annotation = type.getAnnotation(Measurement.class);
		if (annotation == null) {
			throw new IllegalArgumentException(
					type.getName() + " is not annotated with @Measurement, so it cannot be written as a point");
		}
		this.measurement = annotation.value();
		// Check the name now rather than on the first object.
		Point.measurement(this.measurement);
		if (type.isRecord()) {
			for (RecordComponent component : type.getRecordComponents()) {
				add(component.getName(), component.getType(), component.getAccessor(),
						component.getAnnotation(Tag.class), component.getAnnotation(Field.class),
						component.getAnnotation(Timestamp.class));
			}
		}
		else {
			ReflectionUtils.doWithFields(type,
					(field) -> add(field.getName(), field.getType(), field, field.getAnnotation(Tag.class),
							field.getAnnotation(Field.class), field.getAnnotation(Timestamp.class)),
					(field) -> !Modifier.isStatic(field.getModifiers()));
			ReflectionUtils.doWithMethods(type,
					(method) -> add(method.getName(), method.getReturnType(), method, method.getAnnotation(Tag.class),
							method.getAnnotation(Field.class), method.getAnnotation(Timestamp.class)),
					(method) -> !Modifier.isStatic(method.getModifiers()) && method.getParameterCount() == 0
							&& !method.isBridge());
		}
		if (this.fields.isEmpty()) {
			throw new IllegalArgumentException(type.getName() + " has no member annotated with @Field; "
					+ "CnosDB needs at least one field per point");
		}
		Set<String> keys = new HashSet<>();
		for (Mapped mapped : this.tags) {
			checkUnique(keys, mapped);
		}
		for (Mapped mapped : this.fields) {
			checkUnique(keys, mapped);
		}
	}

	@SuppressWarnings("unchecked")
	static <T> AnnotatedPointMapper<T> forClass(Class<T> type) {
		// A failure is not cached: the next call explains it again.
		return (AnnotatedPointMapper<T>) CACHE.get(type);
	}

	private void checkUnique(Set<String> keys, Mapped mapped) {
		if (!keys.add(mapped.key)) {
			throw new IllegalArgumentException(
					this.type.getName() + " maps more than one member to the key '" + mapped.key + "'");
		}
	}

	private void add(String name, Class<?> memberType, AccessibleObject accessor, @Nullable Tag tag,
			@Nullable Field field, @Nullable Timestamp timestamp) {
		int annotations = ((tag != null) ? 1 : 0) + ((field != null) ? 1 : 0) + ((timestamp != null) ? 1 : 0);
		if (annotations == 0) {
			return;
		}
		String member = this.type.getName() + "." + name;
		if (annotations > 1) {
			throw new IllegalArgumentException(member + " has more than one of @Tag, @Field and @Timestamp");
		}
		if (accessor instanceof Method method) {
			ReflectionUtils.makeAccessible(method);
		}
		else {
			ReflectionUtils.makeAccessible((java.lang.reflect.Field) accessor);
		}
		if (tag != null) {
			if (!isTagType(memberType)) {
				throw unsupported(member, memberType, "a tag",
						"CharSequence, an enum, a number, Boolean, Character or UUID");
			}
			this.tags.add(new Mapped(key(tag.value(), name), accessor, Kind.TAG, null));
		}
		else if (field != null) {
			Kind kind = fieldKind(memberType, field.unsigned());
			if (kind == null) {
				throw unsupported(member, memberType, field.unsigned() ? "an unsigned field" : "a field",
						field.unsigned() ? "long, int, short, byte (or their wrappers) or BigInteger"
								: "double, float, long, int, short, byte (or their wrappers), BigInteger, "
										+ "boolean, CharSequence or an enum");
			}
			this.fields.add(new Mapped(key(field.value(), name), accessor, kind, null));
		}
		else {
			if (this.timestamp != null) {
				throw new IllegalArgumentException(member + " is a second @Timestamp; a point has one timestamp");
			}
			if (!(memberType == Instant.class || memberType == OffsetDateTime.class || memberType == ZonedDateTime.class
					|| memberType == long.class || memberType == Long.class)) {
				throw unsupported(member, memberType, "the timestamp",
						"Instant, OffsetDateTime, ZonedDateTime or long");
			}
			this.timestamp = new Mapped("time", accessor, Kind.TIMESTAMP, timestamp.unit());
		}
	}

	private static String key(String declared, String memberName) {
		return declared.isEmpty() ? memberName : declared;
	}

	private static boolean isTagType(Class<?> type) {
		return CharSequence.class.isAssignableFrom(type) || type.isEnum() || type.isPrimitive()
				|| Number.class.isAssignableFrom(type) || type == Boolean.class || type == Character.class
				|| type == UUID.class;
	}

	private static @Nullable Kind fieldKind(Class<?> type, boolean unsigned) {
		boolean integral = type == long.class || type == Long.class || type == int.class || type == Integer.class
				|| type == short.class || type == Short.class || type == byte.class || type == Byte.class;
		if (unsigned) {
			return (integral || type == BigInteger.class) ? Kind.UNSIGNED : null;
		}
		if (integral) {
			return Kind.LONG;
		}
		if (type == double.class || type == Double.class || type == float.class || type == Float.class) {
			return Kind.DOUBLE;
		}
		if (type == BigInteger.class) {
			return Kind.UNSIGNED;
		}
		if (type == boolean.class || type == Boolean.class) {
			return Kind.BOOLEAN;
		}
		if (CharSequence.class.isAssignableFrom(type) || type.isEnum()) {
			return Kind.STRING;
		}
		return null;
	}

	private static IllegalArgumentException unsupported(String member, Class<?> type, String role, String supported) {
		return new IllegalArgumentException(member + " has type " + type.getName() + ", which cannot be written as "
				+ role + " (use " + supported + ")");
	}

	@Override
	public Point toPoint(T object) {
		if (!this.type.isInstance(object)) {
			throw new IllegalArgumentException("Expected a " + this.type.getName() + " but got "
					+ ((object != null) ? object.getClass().getName() : "null"));
		}
		Point.Builder builder = Point.measurement(this.measurement);
		try {
			for (Mapped tag : this.tags) {
				Object value = tag.read(object);
				if (value != null) {
					builder.tag(tag.key, (value instanceof Enum<?> constant) ? constant.name() : value.toString());
				}
			}
			for (Mapped field : this.fields) {
				Object value = field.read(object);
				if (value != null) {
					field.writeField(builder, value);
				}
			}
			if (this.timestamp != null) {
				Object value = this.timestamp.read(object);
				if (value != null) {
					this.timestamp.writeTime(builder, value);
				}
			}
			return builder.build();
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalArgumentException("Cannot write a " + this.type.getName() + ": " + ex.getMessage(), ex);
		}
	}

	@Override
	public String toString() {
		return "AnnotatedPointMapper[" + this.type.getName() + " -> " + this.measurement + "]";
	}

	private enum Kind {

		TAG, DOUBLE, LONG, UNSIGNED, BOOLEAN, STRING, TIMESTAMP

	}

	private record Mapped(String key, AccessibleObject accessor, Kind kind, @Nullable TimeUnit unit) {

		@Nullable Object read(Object target) {
			try {
				if (this.accessor instanceof Method method) {
					return method.invoke(target);
				}
				return ((java.lang.reflect.Field) this.accessor).get(target);
			}
			catch (InvocationTargetException ex) {
				throw new IllegalStateException("Reading '" + this.key + "' failed: " + ex.getTargetException(),
						ex.getTargetException());
			}
			catch (IllegalAccessException ex) {
				throw new IllegalStateException("Cannot read '" + this.key + "': " + ex.getMessage(), ex);
			}
		}

		void writeField(Point.Builder builder, Object value) {
			switch (this.kind) {
				case DOUBLE -> builder.field(this.key, ((Number) value).doubleValue());
				case LONG -> builder.field(this.key, ((Number) value).longValue());
				case UNSIGNED -> {
					if (value instanceof BigInteger big) {
						builder.unsignedField(this.key, big);
					}
					else {
						builder.unsignedField(this.key, ((Number) value).longValue());
					}
				}
				case BOOLEAN -> builder.field(this.key, ((Boolean) value).booleanValue());
				case STRING ->
					builder.field(this.key, (value instanceof Enum<?> constant) ? constant.name() : value.toString());
				default -> throw new IllegalStateException("Not a field: " + this.kind);
			}
		}

		void writeTime(Point.Builder builder, Object value) {
			if (value instanceof Instant instant) {
				builder.time(instant);
			}
			else if (value instanceof OffsetDateTime offsetDateTime) {
				builder.time(offsetDateTime.toInstant());
			}
			else if (value instanceof ZonedDateTime zonedDateTime) {
				builder.time(zonedDateTime.toInstant());
			}
			else {
				builder.time(((Number) value).longValue(), (this.unit != null) ? this.unit : TimeUnit.MILLISECONDS);
			}
		}

	}

}
