//! Any session survives save → load unchanged.

use chrono::{NaiveDate, NaiveDateTime, NaiveTime};
use leerkring::model::{
    Action, ActionId, ActionStatus, AgendaItem, AgendaKind, Attachment, AttachmentId, Attendance,
    BlockKind, Bullet, BulletBlock, BulletId, Experiment, ExperimentId, Header, ItemId, Keyword,
    KeywordId, Language, MeetingId, MeetingRef, MonthPart, NextMeeting, Note, NoteId, OrgId,
    OrgKind, Organisation, Owner, Participant, ParticipantId, PlannedDate, Round, Session, Speaker,
    SpeakerStatus, Visibility,
};
use leerkring::store;
use proptest::prelude::*;

fn text() -> impl Strategy<Value = String> {
    // Any printable text, including quotes, backslashes, ⊗ → and newlines.
    prop_oneof![
        "\\PC{0,20}",
        "[a-zA-Z ⊗→←Δë\"\\\\\n\t]{0,12}",
        Just(String::new())
    ]
}

fn date() -> impl Strategy<Value = NaiveDate> {
    (1990i32..2100, 1u32..=12, 1u32..=28)
        .prop_map(|(y, m, d)| NaiveDate::from_ymd_opt(y, m, d).expect("valid date"))
}

fn time() -> impl Strategy<Value = NaiveTime> {
    (0u32..24, 0u32..60).prop_map(|(h, m)| NaiveTime::from_hms_opt(h, m, 0).expect("valid time"))
}

fn date_time() -> impl Strategy<Value = NaiveDateTime> {
    (date(), time(), 0u32..60)
        .prop_map(|(d, t, s)| d.and_time(t) + chrono::TimeDelta::seconds(i64::from(s)))
}

fn visibility() -> impl Strategy<Value = Visibility> {
    prop_oneof![
        Just(Visibility::Private),
        Just(Visibility::Report),
        Just(Visibility::Projector)
    ]
}

fn notes(prefix: String) -> impl Strategy<Value = Vec<Note>> {
    prop::collection::vec((text(), visibility()), 0..3).prop_map(move |list| {
        list.into_iter()
            .enumerate()
            .map(|(i, (text, visibility))| Note {
                id: NoteId::new(format!("{prefix}-note-{i}")),
                text,
                visibility,
            })
            .collect()
    })
}

/// A tree of bullets; ids are given afterwards so they are unique.
fn bullet_tree() -> impl Strategy<Value = Vec<Bullet>> {
    let leaf =
        (text(), prop::collection::vec("[a-z]{1,8}", 0..2)).prop_map(|(text, tags)| Bullet {
            id: BulletId::new(""),
            text,
            tags,
            children: Vec::new(),
        });
    let tree = leaf.prop_recursive(4, 24, 4, |inner| {
        (text(), prop::collection::vec(inner, 0..4)).prop_map(|(text, children)| Bullet {
            id: BulletId::new(""),
            text,
            tags: Vec::new(),
            children,
        })
    });
    prop::collection::vec(tree, 0..4)
}

fn number_bullets(bullets: &mut [Bullet], prefix: &str, next: &mut usize) {
    for b in bullets {
        b.id = BulletId::new(format!("{prefix}-{next}"));
        *next += 1;
        number_bullets(&mut b.children, prefix, next);
    }
}

prop_compose! {
    fn session()(
        header_text in (text(), text(), text(), text(), text(), text(), text()),
        when in (prop::option::of(date()), prop::option::of(time()), prop::option::of(time())),
        language in prop_oneof![Just(Language::Nl), Just(Language::En)],
        count in prop::option::of(0u32..500),
        report_final in any::<bool>(),
        org_kinds in prop::collection::vec(any::<bool>(), 1..6),
        org_names in prop::collection::vec(text(), 6),
        org_notes in notes("org".into()),
        participants in prop::collection::vec((text(), any::<bool>(), 0usize..6, text()), 0..4),
        items in prop::collection::vec(
            (text(), 0usize..7, 0u32..200, prop::option::of(date_time()), any::<bool>(), 0u32..4000),
            0..5,
        ),
        item_notes in notes("item".into()),
        experiments in prop::collection::vec(
            (0usize..6, text(), prop::collection::vec((text(), any::<bool>()), 0..6)),
            0..5,
        ),
        session_notes in notes("session".into()),
        mut blocks in prop::collection::vec((bullet_tree(), text()), 6),
        actions in prop::collection::vec(
            (text(), 0usize..4, prop::option::of(date()), 0usize..3),
            0..3,
        ),
        meetings in prop::collection::vec((prop::option::of(date()), 1u32..=12, text()), 0..3),
        attachments in prop::collection::vec((text(), text()), 0..2),
    ) -> Session {
        let organisations: Vec<Organisation> = org_kinds
            .iter()
            .enumerate()
            .map(|(i, guest)| Organisation {
                id: OrgId::new(format!("org-{i}")),
                name: org_names[i].clone(),
                kind: if *guest { OrgKind::Guest } else { OrgKind::Municipality },
                notes: if i == 0 { org_notes.clone() } else { Vec::new() },
                attendance: Attendance::ALL[i % 3],
            })
            .collect();
        let org = |i: usize| organisations[i % organisations.len()].id.clone();
        let participants: Vec<Participant> = participants
            .into_iter()
            .enumerate()
            .map(|(i, (name, present, o, role))| Participant {
                id: ParticipantId::new(format!("p-{i}")),
                name,
                organisation: (o % 2 == 0).then(|| org(o)),
                role,
                present,
            })
            .collect();
        let agenda: Vec<AgendaItem> = items
            .into_iter()
            .enumerate()
            .map(|(i, (title, kind, minutes, start, with_round, airtime))| AgendaItem {
                id: ItemId::new(format!("item-{i}")),
                title,
                kind: AgendaKind::ALL[kind],
                planned_minutes: minutes,
                presenter: (kind == 2).then(|| org(i)),
                block: (kind == 4).then_some(BlockKind::ALL[i % 6]),
                notes: if i == 0 { item_notes.clone() } else { Vec::new() },
                round: with_round.then(|| Round {
                    speaker_minutes: minutes % 10,
                    speakers: (0..organisations.len())
                        .map(|o| Speaker {
                            organisation: org(o),
                            status: [SpeakerStatus::Waiting, SpeakerStatus::Done, SpeakerStatus::Skipped][o % 3],
                            airtime_seconds: airtime,
                        })
                        .collect(),
                }),
                actual_start: start,
                actual_end: start.map(|s| s + chrono::TimeDelta::minutes(i64::from(minutes))),
            })
            .collect();
        let experiments = experiments
            .into_iter()
            .enumerate()
            .map(|(i, (o, title, keywords))| Experiment {
                id: ExperimentId::new(format!("exp-{i}")),
                organisation: org(o),
                title,
                keywords: keywords
                    .into_iter()
                    .enumerate()
                    .map(|(j, (text, highlighted))| Keyword {
                        id: KeywordId::new(format!("kw-{i}-{j}")),
                        tags: if highlighted { vec!["tag".into()] } else { Vec::new() },
                        text,
                        highlighted,
                    })
                    .collect(),
                notes: Vec::new(),
            })
            .collect();
        let mut next = 0;
        for (bullets, _) in &mut blocks {
            number_bullets(bullets, "b", &mut next);
        }
        let mut blocks = blocks.into_iter().map(|(bullets, heading)| BulletBlock { heading, bullets });
        let mut synthesis = leerkring::model::Synthesis::default();
        for kind in BlockKind::ALL {
            *synthesis.block_mut(kind) = blocks.next().unwrap_or_default();
        }
        synthesis.actions = actions
            .into_iter()
            .enumerate()
            .map(|(i, (text, owner, due, status))| Action {
                id: ActionId::new(format!("action-{i}")),
                text: text.clone(),
                owner: match owner {
                    0 => None,
                    1 => Some(Owner::Organisation(org(i))),
                    2 if !participants.is_empty() => Some(Owner::Participant(participants[0].id.clone())),
                    _ => Some(Owner::Name(text)),
                },
                due,
                status: [ActionStatus::Open, ActionStatus::Done, ActionStatus::Dropped][status],
                from: (i % 2 == 1).then(|| MeetingRef { title: format!("vorige {i}"), when: due.map(PlannedDate::Day) }),
            })
            .collect();
        synthesis.next_meetings = meetings
            .into_iter()
            .enumerate()
            .map(|(i, (day, month, theme))| NextMeeting {
                id: MeetingId::new(format!("meeting-{i}")),
                when: Some(match day {
                    Some(d) => PlannedDate::Day(d),
                    None => PlannedDate::Month { year: 2020, month, part: [MonthPart::Any, MonthPart::Early, MonthPart::Mid, MonthPart::Late][i % 4] },
                }),
                theme,
                host: (i % 2 == 1).then(|| org(i)),
            })
            .collect();
        let attachments = attachments
            .into_iter()
            .enumerate()
            .map(|(i, (path, caption))| Attachment {
                id: AttachmentId::new(format!("att-{i}")),
                path,
                caption,
                agenda_item: agenda.first().map(|item| item.id.clone()),
            })
            .collect();
        Session {
            header: Header {
                title: header_text.0,
                network: header_text.1,
                theme: header_text.2,
                date: when.0,
                start_time: when.1,
                end_time: when.2,
                location: header_text.3,
                host: Some(org(1)),
                facilitator: header_text.4,
                chair: header_text.5,
                note_taker: header_text.6,
                language,
                participant_count: count,
                report_final,
            },
            notes: session_notes,
            organisations,
            participants,
            agenda,
            experiments,
            synthesis,
            attachments,
            ..Session::default()
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 128, ..ProptestConfig::default() })]

    #[test]
    fn any_session_survives_save_and_load(session in session()) {
        prop_assert!(session.problems().is_empty(), "{:?}", session.problems());
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("session.json");
        store::save_session(&file, &session).unwrap();
        let loaded = store::load_session(&file).unwrap();
        prop_assert_eq!(&loaded, &session);
        // Saving what was loaded gives the same bytes: field order is stable.
        let again = dir.path().join("again.json");
        store::save_session(&again, &loaded).unwrap();
        prop_assert_eq!(std::fs::read(&file).unwrap(), std::fs::read(&again).unwrap());
    }
}
