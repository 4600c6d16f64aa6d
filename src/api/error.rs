//! The one error type of every data source.

#[derive(Clone, Debug, PartialEq)]
pub enum ApiError {
    /// The request never got an HTTP answer and the browser is offline (or the request was
    /// aborted): the reader's own connection is the likely cause.
    Network(String),
    /// The request never got an HTTP answer although the browser is online: the page's
    /// Content-Security-Policy blocked the data source, a redirect loop, CORS, DNS, a refused
    /// connection. Nothing the reader can fix; the cause is for the operator (console).
    Unreachable(String),
    /// No answer within the time limit.
    Timeout,
    /// An HTTP answer other than 2xx.
    Http(u16),
    /// The thing the reader asked for does not exist (unknown article).
    NotFound,
    /// The article is not among the newest pages of the list the source gives (at most this many
    /// are read looking for it, `paging::MAX_LOOKUP_PAGES`): it may well exist further back.
    NotInNewest(usize),
    /// An answer arrived but is not what the source promises (not JSON, not a feed, …).
    Decode(String),
    /// The body is larger than the app reads (`http::MAX_BODY_BYTES`, in bytes here).
    TooLarge(usize),
    /// The mount element is misconfigured.
    Config(String),
    /// No connection, and the offline worker has no copy of this article (the reader never opened
    /// it, or it is newer than the saved list). The original failure, for the console.
    NotSaved(String),
}

impl ApiError {
    pub fn is_not_found(&self) -> bool {
        matches!(self, ApiError::NotFound | ApiError::NotInNewest(_))
    }

    /// What a reader is told, in Vietnamese.
    pub fn message(&self) -> String {
        match self {
            ApiError::Network(_) => "Không kết nối được tới máy chủ. Vui lòng kiểm tra kết nối mạng và thử lại.".into(),
            ApiError::Unreachable(_) => {
                "Không kết nối được tới nguồn dữ liệu của trang. Vui lòng thử lại sau; nếu lỗi vẫn còn, xin báo cho quản trị viên trang.".into()
            }
            ApiError::Timeout => "Máy chủ không phản hồi kịp thời. Vui lòng thử lại sau ít phút.".into(),
            ApiError::Http(404) => "Không tìm thấy nguồn dữ liệu tin tức (lỗi HTTP 404).".into(),
            ApiError::Http(code) => format!("Máy chủ trả về lỗi HTTP {code}."),
            ApiError::NotFound => "Không tìm thấy nội dung yêu cầu.".into(),
            ApiError::NotInNewest(pages) => format!(
                "Bài viết này không nằm trong {pages} trang tin mới nhất mà trang đọc được; có thể đây là một bài cũ hơn."
            ),
            ApiError::TooLarge(limit) => format!(
                "Dữ liệu tin tức quá lớn (hơn {} MB), trang không thể hiển thị.",
                limit / (1024 * 1024)
            ),
            ApiError::Decode(why) => format!("Dữ liệu nhận được không đúng định dạng: {why}."),
            ApiError::Config(why) => format!("Cấu hình trang chưa đúng: {why}."),
            ApiError::NotSaved(_) => "Không có kết nối mạng và bài viết này chưa được lưu trên máy của bạn, nên chưa đọc được. \
                 Bài viết sẽ hiện ra khi có mạng; trong lúc chờ, bạn có thể đọc các bài đã lưu."
                .into(),
        }
    }

    /// The page heading of the error view.
    pub fn heading(&self) -> &'static str {
        match self {
            ApiError::NotFound | ApiError::NotInNewest(_) => "Không tìm thấy bài viết",
            ApiError::NotSaved(_) => "Bài viết chưa được lưu để đọc khi không có mạng",
            _ => "Không tải được dữ liệu",
        }
    }

    /// The request got no answer: the connection, the server or the time limit.
    pub fn is_no_answer(&self) -> bool {
        matches!(self, ApiError::Network(_) | ApiError::Unreachable(_) | ApiError::Timeout)
    }

    /// Detail for developers (console), never shown as the main message.
    pub fn detail(&self) -> String {
        match self {
            ApiError::Network(d) => format!("network error: {d}"),
            ApiError::Unreachable(d) => format!("data source unreachable: {d}"),
            ApiError::NotSaved(d) => format!("not saved for offline reading: {d}"),
            other => format!("{other:?}"),
        }
    }
}
