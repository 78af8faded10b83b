//! Optimism bias: the uplift a business case's costs and delivery time carry until the risks
//! behind appraisers' optimism are shown to be managed.
//!
//! The bounds are HM Treasury's, *Supplementary Green Book Guidance: Optimism Bias* (2003), from
//! Mott MacDonald, *Review of Large Public Procurement in the UK* (2002), Table 2 "Optimism Bias
//! Guidelines": an upper and a lower bound per project type for capital expenditure (operating
//! expenditure for outsourcing) and for works duration. [`BOUNDS`] is the one copy of that table.
//!
//! The guidance starts an appraisal at the upper bound and reduces it by the contributory factors
//! (its "project risk areas") whose risks are managed, each by a *mitigation factor* between 0
//! and 1: `optimism bias = upper bound × (1 − Σ contribution × mitigation factor)`, where a
//! factor's contribution is its share of the upper bound. Mott MacDonald measured those shares
//! per project type, but Cairn does not carry them (they are not reliably available to us), so
//! a case either states each factor's share itself ([`Contribution`], from the study's tables
//! or its own evidence), or every factor of [`ContributoryFactor::ALL`] weighs the same and a
//! factor the case does not assess counts as not mitigated. The arithmetic is `cairn-case`'s
//! (`optimism` module); docs/business-cases.md, "Optimism bias", shows it cell by cell.

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::case::LineKind;

/// A project type of the guidance's table (Mott MacDonald's six).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ProjectType {
    /// Buildings not requiring special design: offices, housing, schools.
    StandardBuildings,
    /// Buildings of innovative or complex design: hospitals, prisons, laboratories.
    NonStandardBuildings,
    /// Roads, utilities and civil works of a standard kind.
    StandardCivilEngineering,
    /// Civil works of innovative or complex design: bridges, tunnels, rail.
    NonStandardCivilEngineering,
    /// Equipment and development projects, IT systems among them: most of what a CIO builds.
    EquipmentDevelopment,
    /// A service bought from a provider: the uplift falls on operating expenditure.
    Outsourcing,
}

/// An upper and a lower bound, in whole percent as the guidance prints them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Bounds {
    /// The upper bound: the uplift before any risk is shown to be managed.
    pub upper_percent: u16,
    /// The lower bound: what the guidance expects once the risks are managed.
    pub lower_percent: u16,
}

impl Bounds {
    /// The upper bound as a fraction (2 for 200 %).
    pub fn upper(self) -> Decimal {
        Decimal::new(i64::from(self.upper_percent), 2)
    }

    /// The lower bound as a fraction (0.1 for 10 %).
    pub fn lower(self) -> Decimal {
        Decimal::new(i64::from(self.lower_percent), 2)
    }
}

/// One row of the guidance's table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TypeBounds {
    /// The project type.
    pub project_type: ProjectType,
    /// The costs the uplift applies to: capex, or opex for outsourcing.
    pub cost_kind: LineKind,
    /// The cost uplift's bounds.
    pub cost: Bounds,
    /// The works duration uplift's bounds; `None` for outsourcing, which the guidance gives none.
    pub duration: Option<Bounds>,
}

const fn bounds(upper_percent: u16, lower_percent: u16) -> Bounds {
    Bounds { upper_percent, lower_percent }
}

/// HM Treasury, *Supplementary Green Book Guidance: Optimism Bias*, Table 2 (Mott MacDonald,
/// *Review of Large Public Procurement in the UK*, 2002): the one copy of the table in Cairn.
pub const BOUNDS: [TypeBounds; 6] = [
    TypeBounds {
        project_type: ProjectType::StandardBuildings,
        cost_kind: LineKind::Capex,
        cost: bounds(24, 2),
        duration: Some(bounds(4, 1)),
    },
    TypeBounds {
        project_type: ProjectType::NonStandardBuildings,
        cost_kind: LineKind::Capex,
        cost: bounds(51, 4),
        duration: Some(bounds(39, 2)),
    },
    TypeBounds {
        project_type: ProjectType::StandardCivilEngineering,
        cost_kind: LineKind::Capex,
        cost: bounds(44, 3),
        duration: Some(bounds(20, 1)),
    },
    TypeBounds {
        project_type: ProjectType::NonStandardCivilEngineering,
        cost_kind: LineKind::Capex,
        cost: bounds(66, 6),
        duration: Some(bounds(25, 3)),
    },
    TypeBounds {
        project_type: ProjectType::EquipmentDevelopment,
        cost_kind: LineKind::Capex,
        cost: bounds(200, 10),
        duration: Some(bounds(54, 10)),
    },
    TypeBounds {
        project_type: ProjectType::Outsourcing,
        cost_kind: LineKind::Opex,
        cost: bounds(41, 0),
        duration: None,
    },
];

impl ProjectType {
    /// Every type, in the table's order.
    pub const ALL: [ProjectType; 6] = [
        ProjectType::StandardBuildings,
        ProjectType::NonStandardBuildings,
        ProjectType::StandardCivilEngineering,
        ProjectType::NonStandardCivilEngineering,
        ProjectType::EquipmentDevelopment,
        ProjectType::Outsourcing,
    ];

    /// Its row of [`BOUNDS`].
    pub fn bounds(self) -> TypeBounds {
        match BOUNDS.iter().find(|row| row.project_type == self) {
            Some(row) => *row,
            // Every type has a row (a unit test walks them); this arm is never taken.
            None => BOUNDS[4],
        }
    }

    /// Its stable key, as the plan file writes it.
    pub fn key(self) -> &'static str {
        match self {
            ProjectType::StandardBuildings => "standard_buildings",
            ProjectType::NonStandardBuildings => "non_standard_buildings",
            ProjectType::StandardCivilEngineering => "standard_civil_engineering",
            ProjectType::NonStandardCivilEngineering => "non_standard_civil_engineering",
            ProjectType::EquipmentDevelopment => "equipment_development",
            ProjectType::Outsourcing => "outsourcing",
        }
    }

    /// The label people read, the guidance's name.
    pub fn label(self) -> &'static str {
        match self {
            ProjectType::StandardBuildings => "Standard buildings",
            ProjectType::NonStandardBuildings => "Non-standard buildings",
            ProjectType::StandardCivilEngineering => "Standard civil engineering",
            ProjectType::NonStandardCivilEngineering => "Non-standard civil engineering",
            ProjectType::EquipmentDevelopment => "Equipment/development",
            ProjectType::Outsourcing => "Outsourcing",
        }
    }
}

/// The five areas the guidance groups its contributory factors in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum FactorArea {
    /// How the work is bought.
    Procurement,
    /// The project itself.
    ProjectSpecific,
    /// The organisation that commissions it.
    ClientSpecific,
    /// Its surroundings: the public, the site, permissions.
    Environment,
    /// What no one on the project controls.
    ExternalInfluences,
}

impl FactorArea {
    /// The label people read.
    pub fn label(self) -> &'static str {
        match self {
            FactorArea::Procurement => "Procurement",
            FactorArea::ProjectSpecific => "Project specific",
            FactorArea::ClientSpecific => "Client specific",
            FactorArea::Environment => "Environment",
            FactorArea::ExternalInfluences => "External influences",
        }
    }
}

/// A contributory factor to optimism bias (the guidance's "project risk areas", named as in Mott
/// MacDonald's tables; their "other (specify)" rows are left out: a case says what it means).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ContributoryFactor {
    /// Procurement: complexity of the contract structure.
    ComplexityOfContractStructure,
    /// Procurement: the contractor involved late in the design.
    LateContractorInvolvementInDesign,
    /// Procurement: poor contractor capabilities.
    PoorContractorCapabilities,
    /// Procurement: government guidelines.
    GovernmentGuidelines,
    /// Procurement: disputes and claims.
    DisputesAndClaims,
    /// Procurement: information management.
    InformationManagement,
    /// Project specific: design complexity.
    DesignComplexity,
    /// Project specific: degree of innovation.
    DegreeOfInnovation,
    /// Project specific: environmental impact.
    EnvironmentalImpact,
    /// Client specific: inadequacy of the business case (the study's largest contributor).
    InadequacyOfTheBusinessCase,
    /// Client specific: a large number of stakeholders.
    LargeNumberOfStakeholders,
    /// Client specific: funding availability.
    FundingAvailability,
    /// Client specific: the project management team.
    ProjectManagementTeam,
    /// Client specific: poor project intelligence.
    PoorProjectIntelligence,
    /// Environment: public relations.
    PublicRelations,
    /// Environment: site characteristics.
    SiteCharacteristics,
    /// Environment: permits, consents and approvals.
    PermitsConsentsApprovals,
    /// External influences: political.
    Political,
    /// External influences: economic.
    Economic,
    /// External influences: legislation and regulations.
    LegislationRegulations,
    /// External influences: technology.
    Technology,
}

impl ContributoryFactor {
    /// Every factor, area by area as the guidance lists them. Without stated contributions each
    /// weighs `1 / ALL.len()`.
    pub const ALL: [ContributoryFactor; 21] = [
        ContributoryFactor::ComplexityOfContractStructure,
        ContributoryFactor::LateContractorInvolvementInDesign,
        ContributoryFactor::PoorContractorCapabilities,
        ContributoryFactor::GovernmentGuidelines,
        ContributoryFactor::DisputesAndClaims,
        ContributoryFactor::InformationManagement,
        ContributoryFactor::DesignComplexity,
        ContributoryFactor::DegreeOfInnovation,
        ContributoryFactor::EnvironmentalImpact,
        ContributoryFactor::InadequacyOfTheBusinessCase,
        ContributoryFactor::LargeNumberOfStakeholders,
        ContributoryFactor::FundingAvailability,
        ContributoryFactor::ProjectManagementTeam,
        ContributoryFactor::PoorProjectIntelligence,
        ContributoryFactor::PublicRelations,
        ContributoryFactor::SiteCharacteristics,
        ContributoryFactor::PermitsConsentsApprovals,
        ContributoryFactor::Political,
        ContributoryFactor::Economic,
        ContributoryFactor::LegislationRegulations,
        ContributoryFactor::Technology,
    ];

    /// The area it belongs to.
    pub fn area(self) -> FactorArea {
        use ContributoryFactor::*;
        match self {
            ComplexityOfContractStructure
            | LateContractorInvolvementInDesign
            | PoorContractorCapabilities
            | GovernmentGuidelines
            | DisputesAndClaims
            | InformationManagement => FactorArea::Procurement,
            DesignComplexity | DegreeOfInnovation | EnvironmentalImpact => FactorArea::ProjectSpecific,
            InadequacyOfTheBusinessCase
            | LargeNumberOfStakeholders
            | FundingAvailability
            | ProjectManagementTeam
            | PoorProjectIntelligence => FactorArea::ClientSpecific,
            PublicRelations | SiteCharacteristics | PermitsConsentsApprovals => FactorArea::Environment,
            Political | Economic | LegislationRegulations | Technology => FactorArea::ExternalInfluences,
        }
    }

    /// The label people read.
    pub fn label(self) -> &'static str {
        use ContributoryFactor::*;
        match self {
            ComplexityOfContractStructure => "Complexity of contract structure",
            LateContractorInvolvementInDesign => "Late contractor involvement in design",
            PoorContractorCapabilities => "Poor contractor capabilities",
            GovernmentGuidelines => "Government guidelines",
            DisputesAndClaims => "Disputes and claims",
            InformationManagement => "Information management",
            DesignComplexity => "Design complexity",
            DegreeOfInnovation => "Degree of innovation",
            EnvironmentalImpact => "Environmental impact",
            InadequacyOfTheBusinessCase => "Inadequacy of the business case",
            LargeNumberOfStakeholders => "Large number of stakeholders",
            FundingAvailability => "Funding availability",
            ProjectManagementTeam => "Project management team",
            PoorProjectIntelligence => "Poor project intelligence",
            PublicRelations => "Public relations",
            SiteCharacteristics => "Site characteristics",
            PermitsConsentsApprovals => "Permits, consents and approvals",
            Political => "Political",
            Economic => "Economic",
            LegislationRegulations => "Legislation and regulations",
            Technology => "Technology",
        }
    }
}

/// A case's optimism bias: its project type and how far each contributory factor is mitigated.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OptimismBias {
    /// The project type, which gives the bounds.
    pub project_type: ProjectType,
    /// The factors assessed, each at most once. A factor not listed is not mitigated.
    #[serde(default)]
    pub mitigations: Vec<Mitigation>,
}

/// One contributory factor, assessed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Mitigation {
    /// The factor.
    pub factor: ContributoryFactor,
    /// How far its risks are managed, 0 (not at all) to 1 (fully): the guidance's mitigation
    /// factor.
    #[serde(deserialize_with = "crate::exact::decimal")]
    pub mitigated: Decimal,
    /// Why: what was done, or why the factor does not arise in this project. The board pack
    /// prints it beside the reduction.
    pub reason: String,
    /// The factor's share of the upper bound, when the case states it (from Mott MacDonald's
    /// tables for its type, or its own evidence). Either every assessed factor states one or
    /// none does; without, every factor of [`ContributoryFactor::ALL`] weighs the same.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub contribution: Option<Contribution>,
}

/// A factor's share of the upper bound, as fractions (0.22 is 22 %).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Contribution {
    /// Of the cost uplift (capex, or opex for outsourcing).
    #[serde(deserialize_with = "crate::exact::decimal")]
    pub cost: Decimal,
    /// Of the works duration uplift (zero for outsourcing, which has none).
    #[serde(default)]
    #[serde(deserialize_with = "crate::exact::decimal")]
    pub duration: Decimal,
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal::dec;

    /// Every cell of the guidance's Table 2, as the issue states it: (type, cost upper, cost
    /// lower, duration upper, duration lower), in percent.
    #[test]
    fn every_cell_of_the_table() {
        type Row = (ProjectType, LineKind, u16, u16, Option<(u16, u16)>);
        let expected: [Row; 6] = [
            (ProjectType::EquipmentDevelopment, LineKind::Capex, 200, 10, Some((54, 10))),
            (ProjectType::Outsourcing, LineKind::Opex, 41, 0, None),
            (ProjectType::StandardBuildings, LineKind::Capex, 24, 2, Some((4, 1))),
            (ProjectType::NonStandardBuildings, LineKind::Capex, 51, 4, Some((39, 2))),
            (ProjectType::StandardCivilEngineering, LineKind::Capex, 44, 3, Some((20, 1))),
            (ProjectType::NonStandardCivilEngineering, LineKind::Capex, 66, 6, Some((25, 3))),
        ];
        for (t, kind, upper, lower, duration) in expected {
            let row = t.bounds();
            assert_eq!(row.project_type, t);
            assert_eq!(row.cost_kind, kind, "{t:?}");
            assert_eq!((row.cost.upper_percent, row.cost.lower_percent), (upper, lower), "{t:?} cost");
            assert_eq!(row.duration.map(|d| (d.upper_percent, d.lower_percent)), duration, "{t:?} duration");
        }
        assert_eq!(ProjectType::EquipmentDevelopment.bounds().cost.upper(), dec!(2));
        assert_eq!(ProjectType::EquipmentDevelopment.bounds().cost.lower(), dec!(0.1));
        assert_eq!(ProjectType::Outsourcing.bounds().cost.upper(), dec!(0.41));
        // One row per type, each type once.
        for t in ProjectType::ALL {
            assert_eq!(BOUNDS.iter().filter(|r| r.project_type == t).count(), 1, "{t:?}");
        }
    }

    #[test]
    fn keys_are_the_files() {
        for t in ProjectType::ALL {
            assert_eq!(serde_json::to_string(&t).expect("json"), format!("\"{}\"", t.key()));
        }
        let f = serde_json::to_string(&ContributoryFactor::InadequacyOfTheBusinessCase).expect("json");
        assert_eq!(f, "\"inadequacy_of_the_business_case\"");
        let areas: std::collections::BTreeSet<FactorArea> = ContributoryFactor::ALL.iter().map(|f| f.area()).collect();
        assert_eq!(areas.len(), 5);
    }

    #[test]
    fn reads_a_case_s_bias() {
        let text = r#"{"project_type": "equipment_development", "mitigations": [
            {"factor": "technology", "mitigated": "0.5", "reason": "proven product"},
            {"factor": "political", "mitigated": 1, "reason": "cross-party", "contribution": {"cost": "0.1"}}]}"#;
        let bias: OptimismBias = serde_json::from_str(text).expect("bias");
        assert_eq!(bias.mitigations[0].mitigated, dec!(0.5));
        assert_eq!(bias.mitigations[1].contribution, Some(Contribution { cost: dec!(0.1), duration: dec!(0) }));
    }
}
