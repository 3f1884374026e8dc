//! What kind of question a message asks: [`Intent`], read once from the cue
//! words in `knowledge/intents.toml`, the names found and the details given.
//! Each intent has one reply builder in [`crate::answer`].

use super::entities::Mention;
use super::phrases::{PhraseSet, TokenText};
use crate::domain::EntityKind;
use crate::knowledge::IntentCues;
use serde::Serialize;

/// The kinds of question careerbot tells apart.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Intent {
    /// "What is a superbill?", "tell me about the CMAA".
    About,
    /// How much the job pays.
    Pay,
    /// The price of something, never pay: "how much is the CMAA exam?".
    Cost,
    /// A length of time: "how long does the CMAA take?".
    Duration,
    /// Two or more things side by side: "CMAA vs CEHRS".
    Compare,
    /// "Is it worth it?", "should I...?".
    Worth,
    /// Getting in and moving up.
    HowTo,
    /// A pay figure to judge: "is 52k good?".
    PayFigure,
    /// Adding up a pay package.
    Calculation,
    /// Two to four job offers side by side.
    Offers,
    /// Statements of the person's own details: "I have a bachelor's".
    DetailsGiven,
    /// "Hi", "thanks".
    Greeting,
    /// Another job: "what do nurses make?".
    OtherRole,
    /// Something else altogether.
    OffTopic,
}

impl Intent {
    /// The name used in `intents.toml` and logs.
    pub fn name(self) -> &'static str {
        match self {
            Intent::About => "about",
            Intent::Pay => "pay",
            Intent::Cost => "cost",
            Intent::Duration => "duration",
            Intent::Compare => "compare",
            Intent::Worth => "worth",
            Intent::HowTo => "how_to",
            Intent::PayFigure => "pay_figure",
            Intent::Calculation => "calculation",
            Intent::Offers => "offers",
            Intent::DetailsGiven => "details_given",
            Intent::Greeting => "greeting",
            Intent::OtherRole => "other_role",
            Intent::OffTopic => "off_topic",
        }
    }
}

/// The cue lists, as phrase sets.
pub struct IntentReader {
    cost: PhraseSet<()>,
    not_cost: PhraseSet<()>,
    cost_openers: PhraseSet<()>,
    cost_kinds: Vec<EntityKind>,
    duration: PhraseSet<()>,
    compare: PhraseSet<()>,
    worth: PhraseSet<()>,
    how_to: PhraseSet<()>,
    judge: PhraseSet<()>,
    greeting: PhraseSet<()>,
    job: PhraseSet<()>,
    self_words: PhraseSet<()>,
    highest: PhraseSet<()>,
    lowest: PhraseSet<()>,
    metro_words: PhraseSet<()>,
    state_words: PhraseSet<()>,
    figure_words: PhraseSet<()>,
    why_words: PhraseSet<()>,
    follow_words: PhraseSet<()>,
    total_words: PhraseSet<()>,
    price_words: PhraseSet<()>,
    question_openers: Vec<String>,
    question_words: PhraseSet<()>,
    aspects: Vec<(String, PhraseSet<()>)>,
}

/// Which cues a message carries.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Cues {
    pub cost: bool,
    /// "How much" about a certification or degree, with no pay word.
    pub cost_opener: bool,
    pub duration: bool,
    pub compare: bool,
    pub worth: bool,
    pub how_to: bool,
    pub judge: bool,
    pub greeting: bool,
    pub job: bool,
    /// The person speaks of themself ("my salary", "should I make").
    pub about_self: bool,
    /// Asks for the highest (`Some(true)`) or lowest (`Some(false)`):
    /// "which state pays the most".
    pub ranking: Option<bool>,
    /// Asks about metros or cities rather than states.
    pub of_metros: bool,
    /// Names states as a group ("which state").
    pub of_states: bool,
    /// Asks for a statistic: a median, a mean, a percentile, employment.
    pub figure: bool,
    /// Asks why or how come, not what.
    pub why: bool,
    /// Points back at the last answer ("there", "instead").
    pub follows: bool,
    /// Asks for a total ("total comp", "all together").
    pub total: bool,
    /// It asks what pay buys where: cost of living, national prices.
    pub prices: bool,
}

/// What the classifier needs besides the cues.
#[derive(Debug, Clone, Copy, Default)]
pub struct Facts {
    /// A pay word ("salary", "make", "earn") is in the message.
    pub pay_word: bool,
    /// The message gives details that move an estimate.
    pub gives_details: bool,
    /// Two or more things of one kind are named (entities, places,
    /// employer types, lengths of experience).
    pub compares_two: bool,
    /// Two or more places or employer types are named.
    pub compares_places: bool,
    /// It asks for figures by the hour.
    pub hourly: bool,
    /// A place is named (a metro, a state, rural).
    pub names_place: bool,
    /// A dollar figure of yearly pay (or an hourly rate) is in the message.
    pub pay_figure: bool,
    /// A package to add up: a base and a match or bonus.
    pub calculation: bool,
    /// Two or more job offers, at least one with a base.
    pub offers: bool,
    /// Another job is named, and not the coordinator role.
    pub other_role: bool,
    /// Every word is a greeting or a small word.
    pub only_small_words: bool,
}

impl Cues {
    /// The names of the cues present, for `careerbot explain`.
    pub fn names(&self) -> Vec<&'static str> {
        let flags = [
            (self.cost, "cost"),
            (self.cost_opener, "cost_opener"),
            (self.duration, "duration"),
            (self.compare, "compare"),
            (self.worth, "worth"),
            (self.how_to, "how_to"),
            (self.judge, "judge"),
            (self.greeting, "greeting"),
            (self.job, "job"),
            (self.about_self, "self"),
            (self.ranking == Some(true), "highest"),
            (self.ranking == Some(false), "lowest"),
            (self.of_metros, "metros"),
            (self.of_states, "states"),
            (self.figure, "figure"),
            (self.why, "why"),
            (self.follows, "follows"),
            (self.total, "total"),
            (self.prices, "prices"),
        ];
        flags
            .into_iter()
            .filter(|(on, _)| *on)
            .map(|(_, name)| name)
            .collect()
    }
}

impl IntentReader {
    pub fn new(cues: &IntentCues) -> IntentReader {
        let set = |list: &[String]| PhraseSet::new(list.iter().map(|w| (w.clone(), ())));
        IntentReader {
            cost: set(&cues.cost),
            not_cost: set(&cues.not_cost),
            cost_openers: set(&cues.cost_openers),
            cost_kinds: cues
                .cost_kinds
                .iter()
                .filter_map(|k| EntityKind::from_name(k))
                .collect(),
            duration: set(&cues.duration),
            compare: set(&cues.compare),
            worth: set(&cues.worth),
            how_to: set(&cues.how_to),
            judge: set(&cues.judge),
            greeting: set(&cues.greeting),
            job: set(&cues.job),
            self_words: set(&cues.self_words),
            highest: set(&cues.highest),
            lowest: set(&cues.lowest),
            metro_words: set(&cues.metro_words),
            state_words: set(&cues.state_words),
            figure_words: set(&cues.figure_words),
            why_words: set(&cues.why_words),
            follow_words: set(&cues.follow_words),
            total_words: set(&cues.total_words),
            price_words: set(&cues.price_words),
            question_openers: cues.question_openers.clone(),
            question_words: set(&cues.question_words),
            aspects: (cues.aspects.iter())
                .map(|(aspect, words)| (aspect.clone(), set(words)))
                .collect(),
        }
    }

    /// Whether the message asks rather than tells: it ends in "?" or
    /// opens with a question word.
    pub fn is_question(&self, text: &TokenText, normalized: &str) -> bool {
        normalized.trim_end().ends_with('?')
            || text
                .tokens
                .first()
                .is_some_and(|first| self.question_openers.contains(first))
            || self.question_words.contains_any(text)
    }

    /// The aspects a message asks about, in the order of `intents.toml`
    /// (`[aspects]`).
    pub fn aspects(&self, text: &TokenText) -> Vec<String> {
        (self.aspects.iter())
            .filter(|(_, words)| words.contains_any(text))
            .map(|(aspect, _)| aspect.clone())
            .collect()
    }

    /// The cues in a message. `mentions` are the names found in it;
    /// `pay_word` whether it has a pay word other than "how much".
    pub fn cues(&self, text: &TokenText, mentions: &[Mention], pay_word: bool) -> Cues {
        let priced_kind = mentions
            .iter()
            .any(|m| self.cost_kinds.contains(&m.named.kind()));
        // "Cost of living" is a topic, not a price.
        let not_cost = self.not_cost.find_longest(text);
        let cost = (self.cost.find_longest(text).iter()).any(|c| {
            !not_cost
                .iter()
                .any(|n| n.start <= c.start && c.end <= n.end)
        });
        Cues {
            cost,
            cost_opener: !pay_word && priced_kind && self.cost_openers.contains_any(text),
            duration: self.duration.contains_any(text),
            compare: self.compare.contains_any(text),
            worth: self.worth.contains_any(text),
            how_to: self.how_to.contains_any(text),
            judge: self.judge.contains_any(text),
            greeting: self.greeting.contains_any(text),
            job: self.job.contains_any(text),
            about_self: self.self_words.contains_any(text),
            ranking: match (
                self.highest.contains_any(text),
                self.lowest.contains_any(text),
            ) {
                (true, _) => Some(true),
                (false, true) => Some(false),
                _ => None,
            },
            of_metros: self.metro_words.contains_any(text),
            of_states: self.state_words.contains_any(text),
            figure: self.figure_words.contains_any(text),
            why: self.why_words.contains_any(text),
            follows: self.follow_words.contains_any(text),
            total: self.total_words.contains_any(text),
            prices: self.price_words.contains_any(text),
        }
    }

    /// The greeting phrases, so a message of only greetings can be told.
    pub fn greeting_words(&self) -> &PhraseSet<()> {
        &self.greeting
    }
}

/// The intent, in a fixed order of precedence: a calculation, another job,
/// a comparison, a cost or a duration, a pay figure to judge, "worth it",
/// "how to", pay, details given, and otherwise "about".
pub fn classify(cues: &Cues, facts: &Facts) -> Intent {
    if facts.only_small_words && cues.greeting {
        return Intent::Greeting;
    }
    if facts.offers {
        return Intent::Offers;
    }
    if facts.calculation {
        return Intent::Calculation;
    }
    if facts.other_role {
        return Intent::OtherRole;
    }
    // "Would I make more in Denver?" with Boston named before: two places
    // and a pay word compare as surely as "vs" does.
    if (facts.compares_two && cues.compare) || (facts.compares_places && facts.pay_word) {
        return Intent::Compare;
    }
    // "What is 50k in Miami at national prices?": what pay buys there, not
    // the price of something.
    if cues.prices && facts.pay_figure && facts.names_place {
        return Intent::PayFigure;
    }
    // "Can I afford rent in Boston on this salary?", "is it expensive to
    // live in Boston?": the pay there and what it buys, not the price of
    // something.
    if cues.prices && facts.names_place && !facts.pay_figure {
        return Intent::Pay;
    }
    if cues.cost || cues.cost_opener {
        return Intent::Cost;
    }
    if cues.duration {
        return Intent::Duration;
    }
    // "Is 52k good?", "is $55,000 a strong salary?": the figure is what is
    // asked about (placed on an estimate when details are given too).
    let asked_with_pay_word = facts.pay_word && !facts.gives_details && !facts.hourly;
    if facts.pay_figure && (cues.judge || cues.worth || asked_with_pay_word) {
        return Intent::PayFigure;
    }
    if cues.worth && !facts.pay_word {
        return Intent::Worth;
    }
    if cues.how_to && !facts.pay_word {
        return Intent::HowTo;
    }
    if facts.pay_word {
        return Intent::Pay;
    }
    if facts.pay_figure && !facts.gives_details {
        return Intent::PayFigure;
    }
    if facts.gives_details {
        return Intent::DetailsGiven;
    }
    Intent::About
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn precedence() {
        let cost = Cues {
            cost: true,
            duration: true,
            ..Cues::default()
        };
        let pay = Facts {
            pay_word: true,
            ..Facts::default()
        };
        // "How long does the CMAA take and what does it cost?"
        assert_eq!(classify(&cost, &pay), Intent::Cost);
        // "What is 50k in Miami at national prices?" asks what pay buys.
        let prices = Cues {
            prices: true,
            cost: true,
            ..Cues::default()
        };
        let pay_in_a_place = Facts {
            pay_figure: true,
            names_place: true,
            ..Facts::default()
        };
        assert_eq!(classify(&prices, &pay_in_a_place), Intent::PayFigure);
        let no_place = Facts {
            pay_figure: true,
            ..Facts::default()
        };
        assert_eq!(classify(&prices, &no_place), Intent::Cost);
        // "Can I afford rent in Boston on this salary?" asks what the pay
        // there buys.
        let pay_in_a_named_place = Facts {
            pay_word: true,
            names_place: true,
            ..Facts::default()
        };
        assert_eq!(classify(&prices, &pay_in_a_named_place), Intent::Pay);
        let judge = Cues {
            judge: true,
            ..Cues::default()
        };
        let figure = Facts {
            pay_figure: true,
            ..Facts::default()
        };
        assert_eq!(classify(&judge, &figure), Intent::PayFigure);
        // With details too it is still a figure to judge (placed on an
        // estimate by its builder).
        let with_details = Facts {
            gives_details: true,
            pay_word: true,
            ..figure
        };
        assert_eq!(classify(&judge, &with_details), Intent::PayFigure);
        // "or" alone is not a comparison: two things must be named.
        let or = Cues {
            compare: true,
            ..Cues::default()
        };
        assert_eq!(classify(&or, &Facts::default()), Intent::About);
    }
}
