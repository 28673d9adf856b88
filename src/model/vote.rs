//! Dot-voting by the room: the facilitator puts the shared themes (or a
//! synthesis block's bullets) to the room, every phone spends a few dots,
//! and once the facilitator closes the vote its result is kept in the
//! session: each option's total and the options the room chose. Only the
//! totals are kept, never who gave which dot.

use chrono::NaiveDateTime;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::ids::VoteId;
use super::session::BlockKind;

/// The most options one vote may have.
pub const VOTE_MAX_OPTIONS: usize = 40;
/// The most dots one phone may get.
pub const VOTE_MAX_DOTS: u32 = 10;

/// What a vote was about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case", tag = "from")]
pub enum VoteSource {
    /// The shared themes across the municipalities (next meeting's themes).
    Themes,
    /// The bullets of a synthesis block.
    Block {
        /// Which block.
        block: BlockKind,
    },
}

/// One option and the dots it got.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct VoteOption {
    /// The option as the phones saw it.
    pub label: String,
    /// The dots it got in all.
    pub total: u32,
}

/// A closed vote and its result.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct Vote {
    /// Stable id.
    pub id: VoteId,
    /// What was asked ("Welke thema's voor de volgende bijeenkomst?").
    pub question: String,
    /// What the options came from.
    pub source: VoteSource,
    /// Dots per phone.
    pub dots: u32,
    /// Whether a phone could put several dots on one option.
    #[serde(default)]
    pub several_per_option: bool,
    /// How many phones voted.
    #[serde(default)]
    pub voters: u32,
    /// The options in the order shown, with their totals.
    pub options: Vec<VoteOption>,
    /// The labels the room chose: the options with the most dots (ties at
    /// the cut all go through), most dots first.
    #[serde(default)]
    pub chosen: Vec<String>,
    /// When the vote was closed (the laptop's local time).
    pub closed: NaiveDateTime,
}

/// The options the room chose: the `choose` options with the most dots,
/// most first (ties keep the options' order); an option tied with the last
/// one chosen goes through too; options without dots never do.
#[must_use]
pub fn chosen_options(options: &[VoteOption], choose: usize) -> Vec<String> {
    let mut ranked: Vec<&VoteOption> = options.iter().filter(|o| o.total > 0).collect();
    // A stable sort: equal totals keep the order they were shown in.
    ranked.sort_by_key(|o| std::cmp::Reverse(o.total));
    if choose == 0 {
        return Vec::new();
    }
    let Some(cut) = ranked.get(choose - 1).map(|o| o.total) else {
        return ranked.iter().map(|o| o.label.clone()).collect();
    };
    ranked
        .iter()
        .take_while(|o| o.total >= cut)
        .map(|o| o.label.clone())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn options(totals: &[u32]) -> Vec<VoteOption> {
        totals
            .iter()
            .enumerate()
            .map(|(i, t)| VoteOption {
                label: format!("o{i}"),
                total: *t,
            })
            .collect()
    }

    #[test]
    fn the_most_dotted_options_are_chosen_ties_at_the_cut_included() {
        assert_eq!(chosen_options(&options(&[3, 9, 5, 1]), 2), ["o1", "o2"]);
        assert_eq!(
            chosen_options(&options(&[4, 9, 4, 1]), 2),
            ["o1", "o0", "o2"]
        );
        // Fewer options with dots than asked for: those with dots.
        assert_eq!(chosen_options(&options(&[0, 2, 0]), 3), ["o1"]);
        assert!(chosen_options(&options(&[0, 0]), 1).is_empty());
        assert!(chosen_options(&options(&[5]), 0).is_empty());
    }
}
