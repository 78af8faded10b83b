//! The sentences Cairn writes about a case's short list (`crate::options`): how its options are
//! ranked and why. The app's case page and the board pack take them from here, so both say the
//! same thing.

/// Why a short list is ranked as it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RankingRule<'a> {
    /// By net present social value against business as usual.
    Npsv,
    /// By present value of cost, because the case must go ahead (the reason given).
    Mandatory(&'a str),
    /// By present value of cost, because every option delivers the same benefits.
    EqualBenefits,
}

/// "Options are ranked by …": the rule, and for a cost-effectiveness ranking why.
pub fn ranking_rule(rule: RankingRule<'_>) -> String {
    match rule {
        RankingRule::Npsv => {
            "Options are ranked by net present social value (NPSV) against business as usual, highest first.".to_owned()
        }
        RankingRule::Mandatory(reason) => format!(
            "The case must go ahead ({}), so its options are ranked by present value of cost, lowest first \
             (cost-effectiveness), not by NPV.",
            reason.trim().trim_end_matches('.')
        ),
        RankingRule::EqualBenefits => "Every option delivers the same benefits, so the options are ranked by present \
                                       value of cost, lowest first (cost-effectiveness)."
            .to_owned(),
    }
}

/// What business as usual is when the case states no short list.
pub fn implicit_bau() -> &'static str {
    "The case states no options: business as usual is taken as zero, so its NPV is the NPSV of the case itself."
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_rule_says_why() {
        assert!(ranking_rule(RankingRule::Npsv).contains("NPSV"));
        assert_eq!(
            ranking_rule(RankingRule::Mandatory("Support for the current system ends in 2028.")),
            "The case must go ahead (Support for the current system ends in 2028), so its options are ranked by \
             present value of cost, lowest first (cost-effectiveness), not by NPV."
        );
        assert!(ranking_rule(RankingRule::EqualBenefits).starts_with("Every option delivers the same benefits"));
    }
}
