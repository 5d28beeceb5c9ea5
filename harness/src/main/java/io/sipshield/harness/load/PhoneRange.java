package io.sipshield.harness.load;

import java.util.Objects;

/**
 * The SIP users one load run registered: phone {@code i} (from 0) is {@code userPrefix + (firstNumber +
 * offset + i)}. {@code --phone-offset} moves the range so N machines, each with {@code --phones M} and
 * offsets {@code 0, M, 2M, ...}, register disjoint users. The user is the only identity a load phone
 * derives from its index (its password comes from the user; Call-IDs, tags and branches are random per
 * phone; load phones send no {@code +sip.instance} and no MAC), so disjoint ranges mean no two phones
 * anywhere share an identity.
 *
 * @param userPrefix  put before each number
 * @param firstNumber {@code --first-number}
 * @param offset      {@code --phone-offset}
 * @param phones      how many phones
 */
public record PhoneRange(String userPrefix, long firstNumber, long offset, int phones) {

    public PhoneRange {
        Objects.requireNonNull(userPrefix, "userPrefix");
        if (firstNumber < 0 || offset < 0 || phones < 0) {
            throw new IllegalArgumentException("first number, offset and phones must be 0 or more");
        }
    }

    /** The first phone's number. */
    public long first() {
        return firstNumber + offset;
    }

    /** The last phone's number (one below {@link #first()} when there are no phones). */
    public long last() {
        return first() + phones - 1;
    }

    /** Whether some user is in both ranges. */
    public boolean overlaps(PhoneRange other) {
        return userPrefix.equals(other.userPrefix) && phones > 0 && other.phones > 0
                && first() <= other.last() && other.first() <= last();
    }

    /** {@code users 1000 to 1099}, with the prefix when there is one. */
    public String describe() {
        return "users " + userPrefix + first() + " to " + userPrefix + last();
    }
}
