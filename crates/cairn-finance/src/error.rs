//! Spreadsheet errors: the same three codes Excel and LibreOffice Calc show, each with a message
//! that names the argument and the reason.

/// Why a function has no value.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum FinanceError {
    /// `#NUM!`: an argument is out of range, or an iteration found no answer.
    #[error("#NUM!: {0}")]
    Num(String),
    /// `#DIV/0!`: the formula divides by zero (e.g. MIRR without a negative flow).
    #[error("#DIV/0!: {0}")]
    Div0(String),
    /// `#VALUE!`: an argument has the wrong type or count.
    #[error("#VALUE!: {0}")]
    Value(String),
    /// `#NAME?`: no function has that name.
    #[error("#NAME?: {0}")]
    Name(String),
}

impl FinanceError {
    /// The spreadsheet's code: `"#NUM!"`, `"#DIV/0!"`, `"#VALUE!"` or `"#NAME?"`.
    pub fn code(&self) -> &'static str {
        match self {
            FinanceError::Num(_) => "#NUM!",
            FinanceError::Div0(_) => "#DIV/0!",
            FinanceError::Value(_) => "#VALUE!",
            FinanceError::Name(_) => "#NAME?",
        }
    }

    /// The message without the code.
    pub fn message(&self) -> &str {
        match self {
            FinanceError::Num(m) | FinanceError::Div0(m) | FinanceError::Value(m) | FinanceError::Name(m) => m,
        }
    }
}

pub(crate) fn num(message: impl Into<String>) -> FinanceError {
    FinanceError::Num(message.into())
}

/// Every result passes through here: an infinite or NaN result is an overflow, reported as the
/// spreadsheet does, never returned as a number.
pub(crate) fn finite(value: f64, what: &str) -> Result<f64, FinanceError> {
    if value.is_finite() { Ok(value) } else { Err(num(format!("{what}: the result is too large to represent"))) }
}

pub(crate) fn check_rate(rate: f64, name: &str) -> Result<(), FinanceError> {
    if !rate.is_finite() {
        return Err(FinanceError::Value(format!("{name} must be a number")));
    }
    if rate <= -1.0 {
        return Err(num(format!("{name} must be greater than -1 (-100 %), not {rate}")));
    }
    Ok(())
}

pub(crate) fn check_values(values: &[f64], name: &str) -> Result<(), FinanceError> {
    if values.is_empty() {
        return Err(FinanceError::Value(format!("{name} must contain at least one number")));
    }
    if let Some(i) = values.iter().position(|v| !v.is_finite()) {
        return Err(FinanceError::Value(format!("{name}[{i}] is not a finite number")));
    }
    Ok(())
}

pub(crate) fn check_finite(value: f64, name: &str) -> Result<(), FinanceError> {
    if value.is_finite() { Ok(()) } else { Err(FinanceError::Value(format!("{name} must be a finite number"))) }
}
