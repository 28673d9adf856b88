//! Operations on a session that edits are built from: cards, keywords,
//! bullets, owners, due dates and the skeleton of a new session.

use chrono::{Datelike, NaiveDate};

use super::ids::{ActionId, BulletId, ExperimentId, KeywordId, OrgId};
use super::session::{
    Action, ActionStatus, BlockKind, Bullet, Experiment, Keyword, OrgKind, Owner, PlannedDate,
    Session,
};

/// One card in the console: an experiment, or a municipality that has none yet.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Card {
    /// The organisation.
    pub org: OrgId,
    /// Its experiment; `None` until the first keyword or title is typed.
    pub experiment: Option<ExperimentId>,
}

impl Session {
    /// The console's cards in organisation order: each experiment of each
    /// organisation, and one empty card for a municipality without any.
    /// Guests get a card only when they brought an experiment.
    #[must_use]
    pub fn cards(&self) -> Vec<Card> {
        let mut cards = Vec::new();
        for org in &self.organisations {
            let before = cards.len();
            cards.extend(self.experiments_of(&org.id).map(|e| Card {
                org: org.id.clone(),
                experiment: Some(e.id.clone()),
            }));
            if cards.len() == before && org.kind == OrgKind::Municipality {
                cards.push(Card {
                    org: org.id.clone(),
                    experiment: None,
                });
            }
        }
        cards
    }

    /// The card at `index`, or the last card when `index` is past the end.
    #[must_use]
    pub fn card_at(&self, index: usize) -> Option<Card> {
        let cards = self.cards();
        let last = cards.len().checked_sub(1)?;
        cards.into_iter().nth(index.min(last))
    }

    /// The experiment with this id.
    #[must_use]
    pub fn experiment(&self, id: &ExperimentId) -> Option<&Experiment> {
        self.experiments.iter().find(|e| &e.id == id)
    }

    /// The experiment with this id, for editing.
    pub fn experiment_mut(&mut self, id: &ExperimentId) -> Option<&mut Experiment> {
        self.experiments.iter_mut().find(|e| &e.id == id)
    }

    /// Adds an empty experiment for `org` at the end of the whiteboard.
    pub fn add_experiment(&mut self, org: &OrgId) -> ExperimentId {
        let id = ExperimentId::new(self.fresh_id("exp"));
        self.experiments.push(Experiment {
            id: id.clone(),
            organisation: org.clone(),
            title: String::new(),
            keywords: Vec::new(),
            notes: Vec::new(),
        });
        id
    }

    /// The card's experiment, created when the card had none yet.
    pub fn ensure_experiment(&mut self, card: &Card) -> ExperimentId {
        match &card.experiment {
            Some(id) if self.experiment(id).is_some() => id.clone(),
            _ => self.add_experiment(&card.org),
        }
    }

    /// Adds a keyword at the end of an experiment's list.
    pub fn add_keyword(&mut self, experiment: &ExperimentId, text: &str) -> Option<KeywordId> {
        let id = KeywordId::new(self.fresh_id("kw"));
        let exp = self.experiment_mut(experiment)?;
        exp.keywords.push(Keyword {
            id: id.clone(),
            text: text.to_owned(),
            tags: Vec::new(),
            highlighted: false,
        });
        Some(id)
    }

    /// Finds a keyword wherever it is.
    pub fn keyword_mut(&mut self, id: &KeywordId) -> Option<&mut Keyword> {
        self.experiments
            .iter_mut()
            .flat_map(|e| e.keywords.iter_mut())
            .find(|k| &k.id == id)
    }

    /// Removes a keyword; returns whether it existed.
    pub fn delete_keyword(&mut self, id: &KeywordId) -> bool {
        for exp in &mut self.experiments {
            if let Some(pos) = exp.keywords.iter().position(|k| &k.id == id) {
                exp.keywords.remove(pos);
                return true;
            }
        }
        false
    }

    /// Moves a keyword up (`-1`) or down (`+1`) within its list; returns whether it moved.
    pub fn move_keyword(&mut self, id: &KeywordId, delta: isize) -> bool {
        for exp in &mut self.experiments {
            if let Some(pos) = exp.keywords.iter().position(|k| &k.id == id) {
                let Some(target) = pos.checked_add_signed(delta) else {
                    return false;
                };
                if target >= exp.keywords.len() {
                    return false;
                }
                exp.keywords.swap(pos, target);
                return true;
            }
        }
        false
    }

    /// Adds a bullet at the end of a block, `depth` levels deep (0 = top
    /// level): it becomes a child of the last bullet one level up. The depth
    /// is limited to one more than the block's last chain allows.
    pub fn add_bullet(
        &mut self,
        block: BlockKind,
        depth: usize,
        text: &str,
        tags: Vec<String>,
    ) -> BulletId {
        let id = BulletId::new(self.fresh_id("b"));
        let bullet = Bullet {
            id: id.clone(),
            text: text.to_owned(),
            tags,
            children: Vec::new(),
        };
        let mut list = &mut self.synthesis.block_mut(block).bullets;
        for _ in 0..depth {
            if list.is_empty() {
                break;
            }
            let last_index = list.len() - 1;
            list = &mut list[last_index].children;
        }
        list.push(bullet);
        id
    }

    /// The deepest level a new bullet at the end of `block` may take.
    #[must_use]
    pub fn max_bullet_depth(&self, block: BlockKind) -> usize {
        let mut depth = 0;
        let mut list = &self.synthesis.block(block).bullets;
        while let Some(last) = list.last() {
            depth += 1;
            list = &last.children;
        }
        depth
    }

    /// Removes a bullet (with its sub-bullets) from whichever block holds it.
    pub fn delete_bullet(&mut self, id: &BulletId) -> bool {
        fn remove(list: &mut Vec<Bullet>, id: &BulletId) -> bool {
            if let Some(pos) = list.iter().position(|b| &b.id == id) {
                list.remove(pos);
                return true;
            }
            list.iter_mut().any(|b| remove(&mut b.children, id))
        }
        BlockKind::ALL
            .into_iter()
            .any(|kind| remove(&mut self.synthesis.block_mut(kind).bullets, id))
    }

    /// Finds a bullet at any depth in any block.
    pub fn bullet_mut(&mut self, id: &BulletId) -> Option<&mut Bullet> {
        fn contains(list: &[Bullet], id: &BulletId) -> bool {
            list.iter()
                .any(|b| &b.id == id || contains(&b.children, id))
        }
        fn find<'a>(list: &'a mut [Bullet], id: &BulletId) -> Option<&'a mut Bullet> {
            for b in list {
                if &b.id == id {
                    return Some(b);
                }
                if let Some(found) = find(&mut b.children, id) {
                    return Some(found);
                }
            }
            None
        }
        let kind = BlockKind::ALL
            .into_iter()
            .find(|&kind| contains(&self.synthesis.block(kind).bullets, id))?;
        find(&mut self.synthesis.block_mut(kind).bullets, id)
    }

    /// Resolves a typed owner name: an organisation or participant whose name
    /// matches (case-insensitive, whole name or its first word), otherwise the
    /// name as typed.
    #[must_use]
    pub fn resolve_owner(&self, typed: &str) -> Owner {
        let wanted = typed.to_lowercase();
        let matches = |name: &str| {
            let name = name.to_lowercase();
            name == wanted
                || name.split([' ', '/']).next() == Some(wanted.as_str())
                || name.replace([' ', '-'], "") == wanted.replace([' ', '-'], "")
        };
        if let Some(org) = self.organisations.iter().find(|o| matches(&o.name)) {
            return Owner::Organisation(org.id.clone());
        }
        if let Some(p) = self.participants.iter().find(|p| matches(&p.name)) {
            return Owner::Participant(p.id.clone());
        }
        Owner::Name(super::limits::truncated(typed, super::limits::TITLE_MAX_CHARS).to_owned())
    }

    /// The default due date of a new action: the day of the first planned
    /// next meeting (the last day of its month when only the month is known).
    #[must_use]
    pub fn default_due_date(&self) -> Option<NaiveDate> {
        self.synthesis
            .next_meetings
            .iter()
            .find_map(|m| m.when)
            .and_then(|when| match when {
                PlannedDate::Day(day) => Some(day),
                PlannedDate::Month { year, month, .. } => last_day_of_month(year, month),
            })
    }

    /// Adds an open action.
    pub fn add_action(
        &mut self,
        text: &str,
        owner: Option<Owner>,
        due: Option<NaiveDate>,
    ) -> ActionId {
        let id = ActionId::new(self.fresh_id("action"));
        self.synthesis.actions.push(Action {
            id: id.clone(),
            text: text.to_owned(),
            owner,
            due,
            status: ActionStatus::Open,
            from: None,
        });
        id
    }
}

impl Session {
    /// A new session with this one's header, organisations and agenda, but
    /// no content: no experiments, notes, bullets, actions, times or photos.
    /// Block headings stay (they belong to the structure, like the agenda).
    #[must_use]
    pub fn skeleton(&self) -> Session {
        let mut header = self.header.clone();
        header.report_final = false;
        let organisations = self
            .organisations
            .iter()
            .map(|o| super::session::Organisation {
                notes: Vec::new(),
                attendance: super::session::Attendance::Unknown,
                ..o.clone()
            })
            .collect();
        let agenda = self
            .agenda
            .iter()
            .map(|item| super::session::AgendaItem {
                notes: Vec::new(),
                actual_start: None,
                actual_end: None,
                round: item.round.as_ref().map(|r| super::session::Round {
                    speaker_minutes: r.speaker_minutes,
                    speakers: r
                        .speakers
                        .iter()
                        .map(|s| super::session::Speaker {
                            organisation: s.organisation.clone(),
                            status: super::session::SpeakerStatus::Waiting,
                            airtime_seconds: 0,
                        })
                        .collect(),
                }),
                ..item.clone()
            })
            .collect();
        let mut synthesis = super::session::Synthesis::default();
        for kind in BlockKind::ALL {
            synthesis
                .block_mut(kind)
                .heading
                .clone_from(&self.synthesis.block(kind).heading);
        }
        Session {
            header,
            organisations,
            agenda,
            synthesis,
            ..Session::default()
        }
    }
}

fn last_day_of_month(year: i32, month: u32) -> Option<NaiveDate> {
    let first_of_next = if month == 12 {
        NaiveDate::from_ymd_opt(year + 1, 1, 1)
    } else {
        NaiveDate::from_ymd_opt(year, month + 1, 1)
    }?;
    first_of_next.pred_opt().filter(|d| d.month() == month)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{MeetingId, MonthPart, NextMeeting, Organisation};

    fn session() -> Session {
        let org = |id: &str, name: &str, kind| Organisation {
            id: OrgId::new(id),
            name: name.into(),
            kind,
            notes: Vec::new(),
            attendance: crate::model::Attendance::Unknown,
        };
        Session {
            organisations: vec![
                org("a", "Etten-Leur", OrgKind::Municipality),
                org("b", "De Bilt", OrgKind::Municipality),
                org("vng", "VNG / Democratie in actie", OrgKind::Guest),
            ],
            ..Session::default()
        }
    }

    #[test]
    fn cards_follow_organisations_and_skip_guests_without_experiments() {
        let mut s = session();
        let cards = s.cards();
        assert_eq!(cards.len(), 2);
        assert!(cards.iter().all(|c| c.experiment.is_none()));

        let b = s.ensure_experiment(&cards[1]);
        let first_b = s.ensure_experiment(&cards[1]);
        assert_ne!(b, first_b, "a card without id gets a new experiment");
        s.add_experiment(&OrgId::new("vng"));
        let cards = s.cards();
        let orgs: Vec<_> = cards.iter().map(|c| c.org.as_str()).collect();
        assert_eq!(orgs, ["a", "b", "b", "vng"]);
    }

    #[test]
    fn keywords_are_added_moved_and_deleted() {
        let mut s = session();
        let exp = s.add_experiment(&OrgId::new("a"));
        let k1 = s.add_keyword(&exp, "een").unwrap();
        let k2 = s.add_keyword(&exp, "twee").unwrap();
        assert_ne!(k1, k2);
        assert!(s.move_keyword(&k2, -1));
        assert!(!s.move_keyword(&k2, -1), "already first");
        let texts: Vec<_> = s.experiments[0]
            .keywords
            .iter()
            .map(|k| k.text.as_str())
            .collect();
        assert_eq!(texts, ["twee", "een"]);
        assert!(s.delete_keyword(&k1));
        assert_eq!(s.keyword_count(), 1);
    }

    #[test]
    fn bullets_nest_under_the_last_bullet() {
        let mut s = session();
        let block = BlockKind::Opportunities;
        assert_eq!(s.max_bullet_depth(block), 0);
        s.add_bullet(block, 0, "Participeren waar energie ligt", Vec::new());
        s.add_bullet(block, 1, "Goed kijken naar het krachtenveld", Vec::new());
        s.add_bullet(block, 1, "Kartrekkers zijn nodig", Vec::new());
        s.add_bullet(block, 5, "diep", Vec::new());
        s.add_bullet(block, 0, "Netwerkend werken", Vec::new());
        let bullets = &s.synthesis.opportunities.bullets;
        assert_eq!(bullets.len(), 2);
        assert_eq!(bullets[0].children.len(), 2);
        assert_eq!(bullets[0].children[1].children[0].text, "diep");
        assert_eq!(s.max_bullet_depth(block), 1);
        let id = bullets[0].children[0].id.clone();
        assert!(s.delete_bullet(&id));
        assert_eq!(s.synthesis.opportunities.bullets[0].children.len(), 1);
    }

    #[test]
    fn owners_resolve_to_organisations_by_name_or_first_word() {
        let s = session();
        assert_eq!(
            s.resolve_owner("VNG"),
            Owner::Organisation(OrgId::new("vng"))
        );
        assert_eq!(
            s.resolve_owner("ettenleur"),
            Owner::Organisation(OrgId::new("a"))
        );
        assert_eq!(
            s.resolve_owner("Deelnemers"),
            Owner::Name("Deelnemers".into())
        );
    }

    #[test]
    fn skeleton_keeps_structure_and_drops_content() {
        let mut s = session();
        let exp = s.add_experiment(&OrgId::new("a"));
        s.add_keyword(&exp, "weg");
        s.add_bullet(BlockKind::FollowUp, 0, "weg", Vec::new());
        s.synthesis.follow_up.heading = "Vervolg M50 verband?".into();
        let new = s.skeleton();
        assert_eq!(new.organisations, s.organisations);
        assert!(new.experiments.is_empty());
        assert!(new.synthesis.follow_up.bullets.is_empty());
        assert_eq!(new.synthesis.follow_up.heading, "Vervolg M50 verband?");
        assert!(new.problems().is_empty());
    }

    #[test]
    fn default_due_date_is_the_next_meeting() {
        let mut s = session();
        assert_eq!(s.default_due_date(), None);
        s.synthesis.next_meetings.push(NextMeeting {
            id: MeetingId::new("m"),
            when: Some(PlannedDate::Month {
                year: 2020,
                month: 6,
                part: MonthPart::Late,
            }),
            theme: String::new(),
            host: None,
        });
        assert_eq!(s.default_due_date(), NaiveDate::from_ymd_opt(2020, 6, 30));
        s.synthesis.next_meetings[0].when = Some(PlannedDate::Month {
            year: 2020,
            month: 12,
            part: MonthPart::Any,
        });
        assert_eq!(s.default_due_date(), NaiveDate::from_ymd_opt(2020, 12, 31));
    }
}
