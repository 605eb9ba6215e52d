//! Matching an example's URL against the routes of its operation, to find
//! the navigation calls and the arguments that rebuild it.

use docgen_page::{PathSegment, PathTemplate};
use percent_encoding::percent_decode_str;

use crate::navigation::{Route, Segment};

/// A route that reaches an example's URL, with the arguments of each of its
/// steps (a key's value, a function's parameters), decoded.
#[derive(Debug, PartialEq, Eq)]
pub struct Matched<'r> {
    pub route: &'r Route,
    pub arguments: Vec<Vec<String>>,
}

/// The first of `routes` that `url` fits, or why none does.
pub fn match_url<'r>(routes: &'r [Route], url: &str) -> Result<Matched<'r>, String> {
    let template = PathTemplate::parse(url);
    let written = written_segments(&template);
    if routes.is_empty() {
        return Err("the navigation has no method that reaches the operation".to_string());
    }

    // Keep the route that got furthest, to say where the URL left it.
    let mut closest: Option<(usize, &Route, String)> = None;
    for route in routes {
        match match_route(route, &template.segments, &written) {
            Ok(arguments) => return Ok(Matched { route, arguments }),
            Err((depth, why)) => {
                if closest.as_ref().is_none_or(|(d, _, _)| depth > *d) {
                    closest = Some((depth, route, why));
                }
            }
        }
    }
    let (_, route, why) = closest.expect("routes is not empty");
    let others = routes.len() - 1;
    let also = match others {
        0 => String::new(),
        1 => " (nor its other path)".to_string(),
        n => format!(" (nor its {n} other paths)"),
    };
    Err(format!(
        "`{}` does not fit `{}`{also}: {why}",
        template.raw, route.template
    ))
}

/// The arguments of each step, or how many segments matched and what
/// broke off.
fn match_route(
    route: &Route,
    segments: &[PathSegment],
    written: &[&str],
) -> Result<Vec<Vec<String>>, (usize, String)> {
    let mut rest = segments.iter().enumerate();
    let mut arguments = Vec::with_capacity(route.steps.len());
    for step in &route.steps {
        if step.segment == Segment::Here {
            arguments.push(Vec::new());
            continue;
        }
        let Some((index, segment)) = rest.next() else {
            return Err((
                segments.len(),
                format!("the URL ends before `{}`", expected(&step.segment)),
            ));
        };
        let written = written.get(index).copied();
        match match_segment(&step.segment, segment, written) {
            Some(args) => arguments.push(args),
            None => {
                return Err((
                    index,
                    format!(
                        "segment {} is `{}` where `{}` was expected",
                        index + 1,
                        text(segment),
                        expected(&step.segment)
                    ),
                ))
            }
        }
    }
    match rest.next() {
        None => Ok(arguments),
        Some((index, segment)) => Err((
            index,
            format!("`{}` and what follows it are left over", text(segment)),
        )),
    }
}

/// `written` is the segment as the URL spells it, which a key is passed as
/// (`{id|name}` stays `{id|name}`).
fn match_segment(
    expected: &Segment,
    segment: &PathSegment,
    written: Option<&str>,
) -> Option<Vec<String>> {
    match (expected, segment) {
        (Segment::Here, _) => Some(Vec::new()),
        (Segment::Literal(literal), segment) => {
            text(segment).eq_ignore_ascii_case(literal).then(Vec::new)
        }
        (Segment::Key, segment) => {
            let key = written.map_or_else(|| text(segment), str::to_string);
            Some(vec![decode(&key)])
        }
        (
            Segment::Call { name, arguments },
            PathSegment::Call {
                name: found,
                arguments: given,
            },
        ) if name.eq_ignore_ascii_case(found) => {
            // An overload with fewer parameters is another method.
            if given.len() != arguments.len() {
                return None;
            }
            let mut values = Vec::new();
            for (position, argument) in arguments.iter().enumerate() {
                if argument.parameter.is_none() {
                    continue;
                }
                let given = match &argument.name {
                    Some(n) => given
                        .iter()
                        .find(|g| g.name.as_deref().is_some_and(|g| g.eq_ignore_ascii_case(n))),
                    None => given.get(position),
                }?;
                // The client quotes a value the template quotes, so pass
                // it without the quotes (and enum type) the example shows.
                let value = if argument.is_quoted() {
                    given.unquoted()
                } else {
                    given.value.trim().to_string()
                };
                values.push(decode(&value));
            }
            Some(values)
        }
        // `delta` written without parentheses: the call is the same when
        // it takes no parameters; the path check tells the difference.
        (Segment::Call { name, arguments }, PathSegment::Literal { value }) => {
            let no_parameters = arguments.iter().all(|a| a.parameter.is_none());
            (no_parameters && value.eq_ignore_ascii_case(name)).then(Vec::new)
        }
        _ => None,
    }
}

/// The segments of the template's path as written, split where the page
/// reader splits them: at `/` outside quotes, parentheses and braces. None
/// are returned when the count differs from the parsed segments, which
/// then stand in.
fn written_segments(template: &PathTemplate) -> Vec<&str> {
    let raw = template.raw.as_str();
    let mut parts = Vec::new();
    let (mut depth, mut quoted, mut start) = (0i32, false, 0);
    for (i, c) in raw.char_indices() {
        match c {
            '\'' => quoted = !quoted,
            '(' | '{' if !quoted => depth += 1,
            ')' | '}' if !quoted => depth -= 1,
            '/' if depth <= 0 && !quoted => {
                parts.push(&raw[start..i]);
                start = i + 1;
            }
            _ => {}
        }
    }
    parts.push(&raw[start..]);
    parts.retain(|p| !p.is_empty());
    if parts.len() == template.segments.len() {
        parts
    } else {
        Vec::new()
    }
}

fn decode(value: &str) -> String {
    percent_decode_str(value).decode_utf8_lossy().into_owned()
}

/// A segment as the URL writes it.
fn text(segment: &PathSegment) -> String {
    match segment {
        PathSegment::Literal { value } => value.clone(),
        PathSegment::Parameter { names } => format!("{{{}}}", names.join(" | ")),
        PathSegment::Call { name, arguments } => {
            let arguments: Vec<String> = arguments
                .iter()
                .map(|a| match &a.name {
                    Some(n) => format!("{n}={}", a.value),
                    None => a.value.clone(),
                })
                .collect();
            format!("{name}({})", arguments.join(","))
        }
    }
}

fn expected(segment: &Segment) -> String {
    match segment {
        Segment::Literal(literal) => literal.clone(),
        Segment::Key => "{key}".to_string(),
        Segment::Call { name, .. } => format!("{name}(...)"),
        Segment::Here => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::navigation::Step;
    use docgen_page::Argument;

    fn step(method: &str, segment: Segment) -> Step {
        Step {
            method: method.to_string(),
            segment,
        }
    }

    fn devices_route() -> Route {
        Route {
            template: "/users/{id}/managedDevices".to_string(),
            steps: vec![
                step("users", Segment::Literal("users".into())),
                step("by_id", Segment::Key),
                step("managed_devices", Segment::Literal("managedDevices".into())),
                step("list", Segment::Here),
            ],
        }
    }

    #[test]
    fn keys_are_read_from_the_url_and_the_query_is_ignored() {
        let routes = [devices_route()];
        let matched = match_url(
            &routes,
            "https://graph.microsoft.com/v1.0/users/a%40b.com/managedDevices?$top=2",
        )
        .unwrap();
        assert_eq!(
            matched.arguments,
            [vec![], vec!["a@b.com".to_string()], vec![], vec![]]
        );
    }

    #[test]
    fn a_placeholder_key_is_passed_as_the_url_writes_it() {
        let routes = [devices_route()];
        let matched = match_url(&routes, "/users/{id|userPrincipalName}/managedDevices").unwrap();
        assert_eq!(matched.arguments[1], ["{id|userPrincipalName}"]);
    }

    #[test]
    fn a_url_that_does_not_fit_says_where() {
        let routes = [devices_route()];
        let why = match_url(&routes, "/users/u1/devices").unwrap_err();
        assert_eq!(
            why,
            "`/users/u1/devices` does not fit `/users/{id}/managedDevices`: segment 3 is `devices` where `managedDevices` was expected"
        );
        let why = match_url(&routes, "/users/u1/managedDevices/d1").unwrap_err();
        assert!(
            why.ends_with("`d1` and what follows it are left over"),
            "{why}"
        );
    }

    #[test]
    fn function_parameters_are_read_by_name_and_unquoted_of_their_enum_type() {
        let argument = |name: &str, value: &str, parameter: Option<&str>| Argument {
            name: Some(name.to_string()),
            value: value.to_string(),
            parameter: parameter.map(str::to_string),
        };
        let route = Route {
            template: "/reports/getUsage(period='{period}',top={n})".to_string(),
            steps: vec![
                step("reports", Segment::Literal("reports".into())),
                step(
                    "get_usage",
                    Segment::Call {
                        name: "getUsage".into(),
                        arguments: vec![
                            argument("period", "'{period}'", Some("period")),
                            argument("top", "{n}", Some("n")),
                            argument("kind", "graph.kind'{kind}'", Some("kind")),
                        ],
                    },
                ),
            ],
        };
        let routes = [route];
        let matched = match_url(
            &routes,
            "/reports/getUsage(top=5,period='D''7',kind=graph.kind'all')",
        )
        .unwrap();
        assert_eq!(matched.arguments[1], ["D'7", "5", "all"]);
        assert!(match_url(&routes, "/reports/getUsage(top=5,period='D7')").is_err());
        assert!(match_url(
            &routes,
            "/reports/getUsage(top=5,period='D7',kind=k'a',x=1)"
        )
        .is_err());
    }
}
