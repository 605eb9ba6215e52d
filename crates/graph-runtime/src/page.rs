//! Collections that come back one page at a time, linked by `@odata.nextLink`.

use futures::{stream, Stream, TryStreamExt};
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};

use crate::{Client, Error, Method, Request};

/// One page of a collection response.
///
/// The last page of a delta query carries `delta_link` instead of
/// `next_link`; keep it to ask for the next round of changes.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Page<T> {
    /// The items on this page.
    #[serde(default = "Vec::new")]
    pub value: Vec<T>,
    /// The URL of the next page, absent on the last.
    #[serde(
        rename = "@odata.nextLink",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub next_link: Option<String>,
    /// On the last page of a delta query, the URL that returns later changes.
    #[serde(
        rename = "@odata.deltaLink",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub delta_link: Option<String>,
    /// The size of the whole collection, when `$count=true` was asked for.
    #[serde(
        rename = "@odata.count",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub count: Option<i64>,
}

/// Where a page stream stands between pages.
enum Cursor {
    First(Request),
    Next(String),
    Done,
}

impl Client {
    /// Sends `request` and decodes one page of a collection.
    pub async fn page<T: DeserializeOwned>(&self, request: Request) -> Result<Page<T>, Error> {
        self.send(request).await
    }

    /// The page after `page`, following its `@odata.nextLink`; `None` when
    /// `page` is the last.
    pub async fn next_page<T: DeserializeOwned>(
        &self,
        page: &Page<T>,
    ) -> Result<Option<Page<T>>, Error> {
        match &page.next_link {
            Some(link) => self
                .page(Request::new(Method::GET, link.clone()))
                .await
                .map(Some),
            None => Ok(None),
        }
    }

    /// Every page of the collection, following `@odata.nextLink` to the end.
    ///
    /// The last page holds the `delta_link` of a delta query. An error on any
    /// page is the stream's last item, so a failure is never mistaken for the
    /// end of the collection.
    pub fn pages<T: DeserializeOwned + Send + 'static>(
        &self,
        request: Request,
    ) -> impl Stream<Item = Result<Page<T>, Error>> + Send + 'static {
        let client = self.clone();
        stream::unfold(Cursor::First(request), move |cursor| {
            let client = client.clone();
            async move {
                let request = match cursor {
                    Cursor::First(request) => request,
                    Cursor::Next(link) => Request::new(Method::GET, link),
                    Cursor::Done => return None,
                };
                match client.page::<T>(request).await {
                    Ok(page) => {
                        let cursor = match &page.next_link {
                            Some(link) => Cursor::Next(link.clone()),
                            None => Cursor::Done,
                        };
                        Some((Ok(page), cursor))
                    }
                    Err(error) => Some((Err(error), Cursor::Done)),
                }
            }
        })
    }

    /// Every item across all pages, following `@odata.nextLink`. An error on
    /// any page ends the stream with that error.
    pub fn stream<T: DeserializeOwned + Send + 'static>(
        &self,
        request: Request,
    ) -> impl Stream<Item = Result<T, Error>> + Send + 'static {
        self.pages::<T>(request)
            .map_ok(|page| stream::iter(page.value.into_iter().map(Ok)))
            .try_flatten()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decodes_odata_annotations() {
        let page: Page<u32> = serde_json::from_str(
            r#"{"@odata.count":3,"value":[1,2],"@odata.nextLink":"https://x/next"}"#,
        )
        .unwrap();
        assert_eq!(page.value, vec![1, 2]);
        assert_eq!(page.count, Some(3));
        assert_eq!(page.next_link.as_deref(), Some("https://x/next"));
        assert_eq!(page.delta_link, None);
    }

    #[test]
    fn missing_value_is_an_empty_page() {
        let page: Page<u32> =
            serde_json::from_str(r#"{"@odata.deltaLink":"https://x/delta"}"#).unwrap();
        assert!(page.value.is_empty());
        assert_eq!(page.delta_link.as_deref(), Some("https://x/delta"));
    }
}
