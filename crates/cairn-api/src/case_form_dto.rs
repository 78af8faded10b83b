//! Transport types of the parts of a business case that the case's form and the line dialog edit
//! beside its assumptions: why it is mandatory, its residual value, sunk costs, optimism bias and
//! short list of options; a line's activity, the milestone a benefit starts at and when a capital
//! cost goes into service. Amounts travel as decimal text, rates and shares as percent text.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// What a case's form edits beside its assumptions.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct CaseAppraisalDto {
    /// Why the case must go ahead; empty when it need not.
    pub mandatory: String,
    /// What the investment is worth when the case ends.
    pub residual: ResidualDto,
    /// Money already spent: shown, never in a flow or a figure.
    pub sunk_costs: Vec<SunkCostDto>,
    /// The optimism bias the case carries; null for none.
    pub optimism: Option<OptimismDto>,
    /// The short list; empty: business as usual at zero and the case as its preferred option.
    pub options: Vec<CaseOptionDto>,
}

/// A residual value.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum ResidualDto {
    /// None.
    None,
    /// The book value of the capitalised costs at the end.
    BookValue,
    /// A growing perpetuity of the value after the case ends.
    Perpetuity {
        /// The annual value in the year after the case, decimal text.
        annual: String,
        /// Its growth a year, percent text.
        growth: String,
    },
}

/// Money already spent.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct SunkCostDto {
    /// What it paid for.
    pub name: String,
    /// Decimal text.
    pub amount: String,
    /// A note.
    pub note: String,
}

/// A case's optimism bias.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct OptimismDto {
    /// The project type's key, e.g. "equipment_development".
    pub project_type: String,
    /// The contributory factors mitigated.
    pub mitigations: Vec<MitigationDto>,
}

/// A contributory factor mitigated, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct MitigationDto {
    /// The factor's key, e.g. "technology".
    pub factor: String,
    /// How far it is mitigated, percent text ("50": half).
    pub mitigated: String,
    /// Why.
    pub reason: String,
}

/// An option's role in the short list.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum OptionRoleDto {
    /// Business as usual.
    Bau,
    /// Do minimum.
    DoMinimum,
    /// The preferred option.
    Preferred,
    /// An alternative.
    Alternative,
}

/// An option of the short list as edited.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct CaseOptionDto {
    /// Its id; empty for a new option.
    pub id: String,
    /// Its name.
    pub name: String,
    /// Its role.
    pub role: OptionRoleDto,
    /// A sentence on what it is.
    pub description: String,
}

/// A roadmap milestone a line may be linked to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct MilestoneLinkDto {
    /// The initiative's id.
    pub initiative: String,
    /// The milestone's name.
    pub milestone: String,
}

/// When a capital cost goes into service.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum InServiceDto {
    /// In a month, "YYYY-MM".
    At {
        /// The month.
        month: String,
    },
    /// At a roadmap milestone.
    Milestone {
        /// The initiative's id.
        initiative: String,
        /// The milestone's name.
        milestone: String,
    },
}

/// A key with its label, for pickers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct ChoiceDto {
    /// The key sent back.
    pub key: String,
    /// What people read.
    pub label: String,
    /// A remark: a project type's upper bound, a factor's area.
    pub note: String,
}

/// A milestone of the plan, for the line dialog's pickers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct MilestoneChoiceDto {
    /// The initiative's id.
    pub initiative: String,
    /// The initiative's name.
    pub initiative_name: String,
    /// The milestone's name.
    pub milestone: String,
    /// Its month, "YYYY-MM".
    pub month: String,
}

/// What the case form and the line dialog choose from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct CaseFormChoicesDto {
    /// The Green Book supplementary guidance's project types.
    pub project_types: Vec<ChoiceDto>,
    /// Its contributory factors.
    pub factors: Vec<ChoiceDto>,
    /// The option roles.
    pub roles: Vec<ChoiceDto>,
    /// The cost activities (for capitalisation).
    pub activities: Vec<ChoiceDto>,
    /// Every milestone of the plan's initiatives.
    pub milestones: Vec<MilestoneChoiceDto>,
}
