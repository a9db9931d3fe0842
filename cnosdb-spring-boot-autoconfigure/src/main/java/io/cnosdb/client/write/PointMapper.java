package io.cnosdb.client.write;

/**
 * Turns an application object into a {@link Point}: the write-side counterpart of a row
 * mapper. Write one as a lambda for an explicit mapping, or use {@link #of(Class)} for a
 * class annotated with {@link Measurement}, {@link Tag}, {@link Field} and
 * {@link Timestamp}.
 *
 * @param <T> the type of object
 * @author CnosDB Spring Boot contributors
 */
@FunctionalInterface
public interface PointMapper<T> {

	/**
	 * Map one object to a point.
	 * @param object the object
	 * @return the point
	 * @throws IllegalArgumentException if the object cannot be written exactly
	 */
	Point toPoint(T object);

	/**
	 * Return the mapper for an annotated class or record. The annotations are read once
	 * per class and the result is cached, so calling this per object costs a map lookup.
	 * @param <T> the type
	 * @param type a class or record annotated with {@link Measurement}
	 * @return the mapper
	 * @throws IllegalArgumentException if the class is not annotated correctly (no
	 * {@link Measurement}, no {@link Field}, more than one {@link Timestamp}, or a member
	 * of a type that has no line-protocol form), naming the class and member
	 */
	static <T> PointMapper<T> of(Class<T> type) {
		return AnnotatedPointMapper.forClass(type);
	}

}
