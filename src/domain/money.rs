//! Money: whole US dollars a year, the range careerbot accepts as someone's
//! pay, and how amounts are written (`$45,160`, `+$1,500`, `$21.71`).

/// The yearly pay careerbot will place on an estimate, in dollars: below
/// it is no full-time salary, above it a typo.
pub const PAY_RANGE: std::ops::RangeInclusive<i64> = 10_000..=1_000_000;

/// `45160` → `$45,160`; negative amounts keep their sign.
///
/// ```
/// assert_eq!(careerbot::domain::dollars(45160), "$45,160");
/// assert_eq!(careerbot::domain::dollars(-2000), "-$2,000");
/// ```
pub fn dollars(amount: i64) -> String {
    let grouped = grouped(amount.unsigned_abs());
    if amount < 0 {
        format!("-${grouped}")
    } else {
        format!("${grouped}")
    }
}

/// A whole number with thousands separators: `2080` → `2,080`.
pub fn grouped(number: u64) -> String {
    let digits = number.to_string();
    let mut grouped = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            grouped.push(',');
        }
        grouped.push(c);
    }
    grouped
}

/// A yearly amount as dollars and cents an hour, over `paid_hours` a year.
///
/// ```
/// assert_eq!(careerbot::domain::hourly_dollars(45160, 2080.0), "$21.71");
/// assert_eq!(careerbot::domain::hourly_dollars(2_500_000, 2080.0), "$1,201.92");
/// ```
pub fn hourly_dollars(yearly: i64, paid_hours: f64) -> String {
    let cents = (yearly as f64 / paid_hours.max(1.0) * 100.0).round() as i64;
    format!("{}.{:02}", dollars(cents / 100), (cents % 100).abs())
}

/// `1500` → `+$1,500`, `-2000` → `-$2,000`, `0` → `$0`.
pub fn signed_dollars(amount: i64) -> String {
    if amount > 0 {
        format!("+{}", dollars(amount))
    } else {
        dollars(amount)
    }
}

/// `value` rounded to the nearest multiple of `step`.
pub fn round_to(value: f64, step: i64) -> i64 {
    ((value / step as f64).round() as i64) * step
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dollars_are_grouped() {
        assert_eq!(dollars(45160), "$45,160");
        assert_eq!(dollars(-2000), "-$2,000");
        assert_eq!(dollars(999), "$999");
        assert_eq!(dollars(1_234_567), "$1,234,567");
        assert_eq!(signed_dollars(1500), "+$1,500");
        assert_eq!(signed_dollars(0), "$0");
    }

    #[test]
    fn rounding() {
        assert_eq!(round_to(45_155.0, 10), 45_160);
        assert_eq!(round_to(-1_994.0, 10), -1_990);
        assert_eq!(round_to(60_249.0, 100), 60_200);
    }
}
