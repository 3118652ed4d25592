package io.inkwell.common.web;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * At most {@code value} characters of text, counted as a reader (and the contract's
 * {@code maxLength}) counts them: code points, so an emoji is one, not the two UTF-16 units that
 * {@code @Size} counts. Null passes (it is left to {@code @NotNull}).
 */
@Target({ElementType.TYPE_USE, ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT})
@Retention(RetentionPolicy.RUNTIME)
@Constraint(validatedBy = MaxChars.Validator.class)
public @interface MaxChars {

    int value();

    String message() default "Too long.";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    class Validator implements ConstraintValidator<MaxChars, String> {
        private int max;

        @Override
        public void initialize(MaxChars annotation) {
            max = annotation.value();
        }

        @Override
        public boolean isValid(String value, ConstraintValidatorContext context) {
            // A string has no more code points than UTF-16 units: most need no count.
            if (value == null || value.length() <= max) {
                return true;
            }
            int chars = value.codePointCount(0, value.length());
            if (chars <= max) {
                return true;
            }
            context.disableDefaultConstraintViolation();
            context.buildConstraintViolationWithTemplate("At most " + max + " characters; this has " + chars + ".")
                    .addConstraintViolation();
            return false;
        }
    }
}
