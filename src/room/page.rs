//! The join page: one self-contained HTML page (no external resources) in
//! the session's language, usable on a phone, and as a plain form without
//! JavaScript. Everything from the session or a phone is escaped; the
//! page's only script carries a per-response nonce the Content Security
//! Policy allows, and nothing else may run.

use std::fmt::Write as _;

use crate::i18n::{Language, T, tr, trf};
use crate::model::{SUBMISSION_MAX_CHARS, SubmissionKind};

use super::RoomInfo;
use super::http::Response;

/// The organisation value the form sends for "anonymous".
pub const ANONYMOUS: &str = "-";

/// What the form holds when it is shown.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FormState {
    /// The chosen organisation's id ([`ANONYMOUS`], or empty: none yet).
    pub org: String,
    /// The chosen kind.
    pub kind: SubmissionKind,
    /// The text (kept after a refusal, so nothing typed is lost).
    pub text: String,
}

impl Default for FormState {
    fn default() -> Self {
        Self {
            org: String::new(),
            kind: SubmissionKind::Keyword,
            text: String::new(),
        }
    }
}

/// The message above the form after a submission.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Banner {
    /// It arrived.
    Received(String),
    /// It did not, and why.
    Error(String),
}

/// Escapes text for HTML content and attribute values.
#[must_use]
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// A JavaScript string literal that is safe inside a `<script>` element.
fn js_string(text: &str) -> String {
    let mut out = String::from("\"");
    for c in text.chars() {
        match c {
            '"' | '\\' | '<' | '>' | '&' | '\'' | '\u{2028}' | '\u{2029}' => {
                let _ = write!(out, "\\u{:04x}", u32::from(c));
            }
            c if c.is_control() => {
                let _ = write!(out, "\\u{:04x}", u32::from(c));
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

const STYLE: &str = "\
:root{color-scheme:light}\
body{font:18px/1.45 system-ui,-apple-system,\"Segoe UI\",Roboto,sans-serif;margin:0;background:#f4f6fa;color:#111}\
main{max-width:34rem;margin:0 auto;padding:1rem 1.1rem 2rem}\
h1{font-size:1.35rem;margin:.3rem 0 .4rem}\
p{margin:.4rem 0}\
label,legend{display:block;font-weight:600;margin:1.1rem 0 .35rem}\
select,textarea,button{font:inherit;width:100%;box-sizing:border-box;padding:.65rem;border:1px solid #7a8599;border-radius:.45rem;background:#fff;color:#111}\
textarea{resize:vertical;min-height:5.5rem}\
fieldset{border:0;padding:0;margin:0;min-width:0}\
fieldset label{font-weight:400;display:flex;gap:.6rem;align-items:center;margin:.5rem 0}\
fieldset input{width:1.35rem;height:1.35rem;margin:0;flex:none}\
button{background:#2e5ea8;color:#fff;border:0;font-weight:700;margin-top:1.1rem;padding:.85rem}\
button:disabled{background:#7a8fb3}\
.msg{padding:.7rem .8rem;margin:.9rem 0;border-radius:.35rem}\
.msg:empty{display:none}\
.ok{background:#e3f3e7;border-left:5px solid #1e7e34}\
.err{background:#fdecea;border-left:5px solid #c0392b}\
.small{font-size:.85rem;color:#3c4454;margin-top:1.4rem}\
h2{font-size:1.15rem;margin:.6rem 0 .3rem}\
.vote{background:#fff;border:1px solid #c5ccd8;border-radius:.5rem;padding:.2rem .9rem .6rem;margin:.8rem 0 1.4rem}\
fieldset label.count input{width:4.2rem;height:auto;padding:.35rem;font:inherit}";

/// The page's script: sends a form (the message, or the ballot) without
/// leaving the page, shows the answer, and empties the message's text for
/// the next one.
fn script(lang: Language) -> String {
    format!(
        "(function(){{var sending={sending},offline={offline};\
function nonce(){{var a=new Uint8Array(16);crypto.getRandomValues(a);\
return Array.prototype.map.call(a,function(x){{return('0'+x.toString(16)).slice(-2)}}).join('')}}\
function hook(id,statusId){{var f=document.getElementById(id);if(!f)return;\
var s=document.getElementById(statusId),b=f.querySelector('button'),busy=false;\
f.addEventListener('submit',function(e){{e.preventDefault();if(busy)return;busy=true;b.disabled=true;\
s.className='msg';s.textContent=sending;var d=new URLSearchParams(new FormData(f));d.set('js','1');\
fetch(location.href,{{method:'POST',body:d,credentials:'same-origin'}})\
.then(function(r){{return r.text().then(function(t){{return[r.ok,t]}})}})\
.then(function(x){{s.className='msg '+(x[0]?'ok':'err');s.textContent=x[1];\
if(x[0]&&f.elements.text){{f.elements.text.value='';f.elements.nonce.value=nonce()}}}})\
.catch(function(){{s.className='msg err';s.textContent=offline}})\
.then(function(){{busy=false;b.disabled=false}})}})}}\
hook('v','vstatus');hook('f','status')}})();",
        sending = js_string(tr(lang, T::RoomPageSending)),
        offline = js_string(tr(lang, T::RoomPageOffline)),
    )
}

/// The security headers of an HTML page whose inline style and script
/// carry `nonce`.
pub(super) fn html_response(status: u16, body: String, nonce: &str) -> Response {
    Response {
        status,
        content_type: "text/html; charset=utf-8",
        headers: vec![(
            "Content-Security-Policy",
            format!(
                "default-src 'none'; script-src 'nonce-{nonce}'; style-src 'nonce-{nonce}'; \
                 img-src data:; connect-src 'self'; form-action 'self'; base-uri 'none'; \
                 frame-ancestors 'none'"
            ),
        )],
        body: body.into_bytes(),
        stream: None,
    }
}

pub(super) fn head(out: &mut String, lang: Language, title: &str, nonce: &str) {
    let _ = write!(
        out,
        "<!doctype html><html lang=\"{}\"><head><meta charset=\"utf-8\">\
<meta name=\"viewport\" content=\"width=device-width,initial-scale=1\">\
<meta name=\"referrer\" content=\"no-referrer\"><link rel=\"icon\" href=\"data:,\">\
<title>{}</title><style nonce=\"{nonce}\">{STYLE}</style></head><body><main>",
        lang.code(),
        escape(title),
    );
}

/// A page with one message (a closed room, a wrong address).
#[must_use]
pub fn message_page(info: &RoomInfo, status: u16, message: &str) -> Response {
    let nonce = super::random_text(20).unwrap_or_default();
    let mut out = String::with_capacity(2048);
    head(&mut out, info.lang, tr(info.lang, T::AppName), &nonce);
    let _ = write!(
        out,
        "<h1>{}</h1><p class=\"msg err\">{}</p></main></body></html>",
        escape(tr(info.lang, T::AppName)),
        escape(message)
    );
    html_response(status, out, &nonce)
}

/// The join page, with the form filled in as `form` says and `banner`
/// above it; `form_nonce` makes this form's submission arrive once.
#[must_use]
pub fn join_page(
    info: &RoomInfo,
    form: &FormState,
    banner: Option<&Banner>,
    form_nonce: &str,
    ballot: Option<&[u32]>,
    live_href: &str,
) -> Response {
    render(info, form, banner, None, form_nonce, ballot, live_href)
}

/// The join page after a ballot: `banner` above the vote's button.
#[must_use]
pub fn join_page_with_vote_banner(
    info: &RoomInfo,
    form: &FormState,
    banner: &Banner,
    form_nonce: &str,
    ballot: Option<&[u32]>,
    live_href: &str,
) -> Response {
    render(
        info,
        form,
        None,
        Some(banner),
        form_nonce,
        ballot,
        live_href,
    )
}

/// The status paragraph under a form's button.
fn status_html(out: &mut String, id: &str, banner: Option<&Banner>) {
    let (class, message) = match banner {
        Some(Banner::Received(text)) => ("msg ok", text.as_str()),
        Some(Banner::Error(text)) => ("msg err", text.as_str()),
        None => ("msg", ""),
    };
    let _ = write!(
        out,
        "<p id=\"{id}\" class=\"{class}\" role=\"status\" aria-live=\"polite\">{}</p>",
        escape(message)
    );
}

/// The open vote's form: a box per option (one dot each), or a number per
/// option when several dots may go to one; filled in with the phone's
/// ballot so far.
fn vote_form(
    out: &mut String,
    lang: Language,
    spec: &super::VoteSpec,
    banner: Option<&Banner>,
    ballot: Option<&[u32]>,
) {
    let given = |i: usize| ballot.and_then(|b| b.get(i)).copied().unwrap_or(0);
    let rule = if spec.several_per_option {
        trf(
            lang,
            T::VotePageRuleSeveral,
            &[("n", &spec.dots.to_string())],
        )
    } else {
        trf(lang, T::VotePageRuleOne, &[("n", &spec.dots.to_string())])
    };
    let _ = write!(
        out,
        "<form id=\"v\" method=\"post\" accept-charset=\"utf-8\" class=\"vote\">\
<input type=\"hidden\" name=\"vote\" value=\"{}\"><h2>{}</h2><p>{}</p><fieldset><legend>{}</legend>",
        escape(&spec.id),
        escape(&spec.question),
        escape(&rule),
        escape(tr(lang, T::VotePageOptions)),
    );
    for (i, option) in spec.options.iter().enumerate() {
        if spec.several_per_option {
            let _ = write!(
                out,
                "<label class=\"count\"><input type=\"number\" name=\"n{i}\" min=\"0\" max=\"{}\" \
value=\"{}\" inputmode=\"numeric\" aria-label=\"{}\"> {}</label>",
                spec.dots,
                given(i),
                escape(&trf(lang, T::VotePageDotsOn, &[("option", option)])),
                escape(option),
            );
        } else {
            let checked = if given(i) > 0 { " checked" } else { "" };
            let _ = write!(
                out,
                "<label><input type=\"checkbox\" name=\"o\" value=\"{i}\"{checked}> {}</label>",
                escape(option),
            );
        }
    }
    let _ = write!(
        out,
        "</fieldset><button type=\"submit\">{}</button>",
        escape(tr(
            lang,
            if ballot.is_some() {
                T::VotePageChange
            } else {
                T::VotePageSend
            }
        )),
    );
    status_html(out, "vstatus", banner);
    out.push_str("</form>");
}

fn render(
    info: &RoomInfo,
    form: &FormState,
    banner: Option<&Banner>,
    vote_banner: Option<&Banner>,
    form_nonce: &str,
    ballot: Option<&[u32]>,
    live_href: &str,
) -> Response {
    let lang = info.lang;
    let nonce = super::random_text(20).unwrap_or_default();
    let title = if info.title.trim().is_empty() {
        tr(lang, T::AppName).to_owned()
    } else {
        info.title.trim().to_owned()
    };
    let mut out = String::with_capacity(8192);
    head(
        &mut out,
        lang,
        &format!("{} — {title}", tr(lang, T::RoomPageTitle)),
        &nonce,
    );
    let _ = write!(
        out,
        "<h1>{}</h1><p>{}</p>",
        escape(&title),
        escape(tr(
            lang,
            if info.auto_accept {
                T::RoomPageLeadTrusted
            } else {
                T::RoomPageLead
            }
        ))
    );
    if let Some(spec) = &info.vote {
        vote_form(&mut out, lang, spec, vote_banner, ballot);
    }
    let _ = write!(
        out,
        "<form id=\"f\" method=\"post\" accept-charset=\"utf-8\" autocomplete=\"off\">\
<input type=\"hidden\" name=\"nonce\" value=\"{}\">\
<label for=\"org\">{}</label><select id=\"org\" name=\"org\" required>\
<option value=\"\">{}</option>",
        escape(form_nonce),
        escape(tr(lang, T::RoomPageOrganisation)),
        escape(tr(lang, T::RoomPageChoose)),
    );
    for (id, name) in &info.organisations {
        let selected = if form.org == id.as_str() {
            " selected"
        } else {
            ""
        };
        let _ = write!(
            out,
            "<option value=\"{}\"{selected}>{}</option>",
            escape(id.as_str()),
            escape(name)
        );
    }
    if info.anonymous {
        let selected = if form.org == ANONYMOUS {
            " selected"
        } else {
            ""
        };
        let _ = write!(
            out,
            "<option value=\"{ANONYMOUS}\"{selected}>{}</option>",
            escape(tr(lang, T::RoomPageAnonymous))
        );
    }
    let _ = write!(
        out,
        "</select><fieldset><legend>{}</legend>",
        escape(tr(lang, T::RoomPageKind))
    );
    for kind in SubmissionKind::ALL {
        let label = match kind {
            SubmissionKind::Keyword => tr(lang, T::RoomPageKeyword).to_owned(),
            SubmissionKind::Question => tr(lang, T::RoomPageQuestion).to_owned(),
            SubmissionKind::Remark => {
                trf(lang, T::RoomPageRemark, &[("block", &info.remark_block)])
            }
        };
        let checked = if form.kind == kind { " checked" } else { "" };
        let _ = write!(
            out,
            "<label><input type=\"radio\" name=\"kind\" value=\"{}\"{checked}> {}</label>",
            kind.code(),
            escape(&label)
        );
    }
    let _ = write!(
        out,
        "</fieldset><label for=\"text\">{}</label>\
<textarea id=\"text\" name=\"text\" maxlength=\"{SUBMISSION_MAX_CHARS}\" rows=\"3\" required \
enterkeyhint=\"send\">{}</textarea><button type=\"submit\">{}</button>",
        escape(tr(lang, T::RoomPageText)),
        escape(&form.text),
        escape(tr(lang, T::RoomPageSend)),
    );
    status_html(&mut out, "status", banner);
    let _ = write!(
        out,
        "</form><p><a href=\"{}\">{}</a></p><p class=\"small\">{}</p></main><script nonce=\"{nonce}\">{}</script></body></html>",
        escape(live_href),
        escape(tr(lang, T::RoomPageReadAlong)),
        escape(tr(lang, T::RoomPagePrivacy)),
        script(lang),
    );
    html_response(200, out, &nonce)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::OrgId;

    fn info() -> RoomInfo {
        RoomInfo {
            lang: Language::Nl,
            title: "M50 <b>kick-off</b>".into(),
            organisations: vec![
                (OrgId::new("lochem"), "Lochem".into()),
                (
                    OrgId::new("x\"><script>"),
                    "<img src=x onerror=alert(1)>".into(),
                ),
            ],
            anonymous: true,
            auto_accept: false,
            remark_block: "Wat valt op?".into(),
            accepting: true,
            vote: None,
        }
    }

    #[test]
    fn the_page_escapes_everything_it_shows() {
        let form = FormState {
            org: "lochem".into(),
            kind: SubmissionKind::Question,
            text: "</textarea><script>alert(1)</script>".into(),
        };
        let banner = Banner::Error("<b>nee</b>".into());
        let page = join_page(&info(), &form, Some(&banner), "abcdefgh12", None, "/t/live");
        let html = String::from_utf8(page.body).expect("UTF-8");
        assert!(!html.contains("<b>"), "{html}");
        assert!(!html.contains("<img"));
        assert!(!html.contains("</textarea><script>"));
        assert_eq!(html.matches("<script").count(), 1, "only our own script");
        assert!(html.contains("&lt;img src=x onerror=alert(1)&gt;"));
        assert!(html.contains("<option value=\"lochem\" selected>Lochem</option>"));
        assert!(html.contains("value=\"question\" checked"));
        assert!(html.contains("<option value=\"-\">anoniem</option>"));
        assert!(html.contains("Een opmerking bij „Wat valt op?”"));
        assert!(html.contains("<html lang=\"nl\">"));
        // Self-contained: nothing is loaded from anywhere.
        for outside in [
            "http://",
            "https://",
            "src=\"",
            "href=\"http",
            "@import",
            "url(",
        ] {
            assert!(!html.contains(outside), "{outside} in the page");
        }
    }

    #[test]
    fn the_script_and_style_run_only_with_the_responses_nonce() {
        let page = join_page(
            &info(),
            &FormState::default(),
            None,
            "abcdefgh12",
            None,
            "/t/live",
        );
        let csp = page
            .headers
            .iter()
            .find(|(n, _)| *n == "Content-Security-Policy")
            .map(|(_, v)| v.clone())
            .expect("a policy");
        let html = String::from_utf8(page.body).expect("UTF-8");
        let nonce = csp
            .split("'nonce-")
            .nth(1)
            .and_then(|s| s.split('\'').next())
            .expect("a nonce");
        assert!(html.contains(&format!("<script nonce=\"{nonce}\">")));
        assert!(html.contains(&format!("<style nonce=\"{nonce}\">")));
        assert!(csp.contains("default-src 'none'"));
    }

    #[test]
    fn script_strings_cannot_end_the_script() {
        assert_eq!(
            js_string("a\"</script>"),
            "\"a\\u0022\\u003c/script\\u003e\""
        );
    }
}
