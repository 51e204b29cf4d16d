package support

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"math/rand/v2"
	"net/http"
	"net/url"
	"strings"
	"time"
)

// defaultUserAgent is the User-Agent a Client sends unless WithUserAgent
// sets another.
const defaultUserAgent = "dmsgen-client"

// defaultMaxBody is the most bytes of a success response body a Client
// reads: a larger body is an error, so that a broken or hostile endpoint
// cannot make the client hold more.
const defaultMaxBody = 32 << 20

// Client sends the operations of this package's API: the generated methods
// of Client validate the request, encode it, and send it here, which adds
// the headers, signs, retries and turns an error response into an
// *APIError.
//
// A Client is made by NewClient and is safe for concurrent use; its
// settings cannot change once it is made. It prints as
// Client{BaseURL:https://host/prefix Auth:AK/SK} through every fmt verb
// and slog: never a key, a token or a signature.
type Client struct {
	// base is the scheme, host and escaped path prefix of the base URL,
	// without a trailing "/", as the Client prints it.
	base string
	// scheme and host are those of the base URL (the host without an
	// empty port), and prefix is its escaped path without a trailing
	// "/": the parts of every request's URL.
	scheme, host, prefix string
	cfg                  clientConfig
	dates                *dateCache // a pointer: a Client is copied to print it
}

// clientConfig holds a Client's settings, which the Options set.
type clientConfig struct {
	httpClient    *http.Client
	signer        Signer // AccessKey is "" when requests are not signed
	securityToken Secret // X-Security-Token, with signer only
	authToken     Secret // X-Auth-Token, never with signer
	userAgent     string
	retry         RetryPolicy // with its defaults filled in
	logger        *slog.Logger
	maxBody       int64 // cap on a success body, in bytes

	// Hooks for tests, never set by an Option: the clock that dates
	// signatures and Retry-After dates, the wait between attempts, and
	// the jitter, which returns a duration in [0, limit).
	now    func() time.Time
	sleep  func(ctx context.Context, d time.Duration) error
	jitter func(limit time.Duration) time.Duration
}

// Option is a setting of NewClient; the With functions make them. An
// Option with an invalid argument makes NewClient return an error.
type Option func(*clientConfig) error

// RetryPolicy says when and how often a Client sends a request again.
//
// Requests with an idempotent method (GET, HEAD, PUT, DELETE, OPTIONS,
// TRACE) are retried when the response status is 429, 502, 503 or 504, or
// when the connection failed in a way that is safe to retry: refused,
// reset, or closed before a response came. POST and PATCH requests are
// never retried unless RetryNonIdempotent is set, since the service may
// have acted on them. Nothing is retried once the context is done.
//
// Before attempt n+1 the Client waits a random duration from 0 up to
// min(MaxDelay, BaseDelay×2^(n-1)) (exponential backoff with full
// jitter), or exactly what a Retry-After header of the response asks for
// (seconds or an HTTP date). When Retry-After asks for more than MaxDelay,
// the Client does not retry and returns the error at once: the service
// would refuse an earlier attempt. The wait ends early, with the context's
// error, when the context is done.
type RetryPolicy struct {
	// MaxAttempts is the most times a request is sent, the first time
	// included: 3 when zero; 1 disables retries.
	MaxAttempts int
	// BaseDelay is the longest wait before the second attempt: 100ms when
	// zero. It doubles for each later attempt.
	BaseDelay time.Duration
	// MaxDelay caps every wait, and is the longest Retry-After honoured:
	// 5s when zero.
	MaxDelay time.Duration
	// RetryNonIdempotent retries POST and PATCH requests too. Set it only
	// when sending such a request twice does no harm.
	RetryNonIdempotent bool
}

// Defaults of RetryPolicy, for its zero fields.
const (
	defaultMaxAttempts = 3
	defaultBaseDelay   = 100 * time.Millisecond
	defaultMaxDelay    = 5 * time.Second
)

// withDefaults returns p with its zero fields set to the defaults, or an
// error for a negative field or a MaxDelay below BaseDelay.
func (p RetryPolicy) withDefaults() (RetryPolicy, error) {
	if p.MaxAttempts < 0 || p.BaseDelay < 0 || p.MaxDelay < 0 {
		return p, errors.New("WithRetry: MaxAttempts, BaseDelay and MaxDelay must not be negative")
	}
	if p.MaxAttempts == 0 {
		p.MaxAttempts = defaultMaxAttempts
	}
	if p.BaseDelay == 0 {
		p.BaseDelay = defaultBaseDelay
	}
	if p.MaxDelay == 0 {
		p.MaxDelay = defaultMaxDelay
	}
	if p.MaxDelay < p.BaseDelay {
		return p, errors.New("WithRetry: MaxDelay is less than BaseDelay")
	}
	return p, nil
}

// backoff returns the longest wait after attempt n (1 for the first) has
// failed: BaseDelay doubled n-1 times, capped by MaxDelay.
func (p RetryPolicy) backoff(n int) time.Duration {
	d := p.BaseDelay
	for i := 1; i < n && d < p.MaxDelay; i++ {
		if d > p.MaxDelay/2 {
			return p.MaxDelay
		}
		d *= 2
	}
	return min(d, p.MaxDelay)
}

// NewClient returns a Client that sends requests to baseURL, an absolute
// http or https URL without a query or fragment. A path in it is a prefix
// kept before every operation's path; a trailing "/" makes no difference.
// Without options the Client sends unauthenticated requests with
// http.DefaultClient's transport and the default RetryPolicy.
//
// NewClient returns an error for an invalid base URL, an Option given an
// invalid argument, WithToken together with WithAKSK, and
// WithSecurityToken without WithAKSK. Errors never contain a key, a token,
// or the URL.
func NewClient(baseURL string, opts ...Option) (*Client, error) {
	u, err := parseBaseURL(baseURL)
	if err != nil {
		return nil, fmt.Errorf("NewClient: %w", err)
	}
	cfg := clientConfig{
		httpClient: http.DefaultClient,
		userAgent:  defaultUserAgent,
		maxBody:    defaultMaxBody,
		now:        time.Now,
		sleep:      sleepContext,
		jitter:     fullJitter,
	}
	cfg.retry, _ = RetryPolicy{}.withDefaults()
	for _, opt := range opts {
		if opt == nil {
			continue
		}
		if err := opt(&cfg); err != nil {
			return nil, fmt.Errorf("NewClient: %w", err)
		}
	}
	if err := cfg.checkAuth(); err != nil {
		return nil, fmt.Errorf("NewClient: %w", err)
	}
	// A copy, so that the caller's client is left as it is, which follows
	// no redirect: the signature covers host and path, and a token must
	// not go to another host. A 3xx response is an *APIError.
	hc := *cfg.httpClient
	hc.CheckRedirect = refuseRedirect
	cfg.httpClient = &hc
	return &Client{
		base:   u.Scheme + "://" + u.Host + u.Path,
		scheme: u.Scheme,
		host:   strings.TrimSuffix(u.Host, ":"), // as http.NewRequest sends it
		prefix: u.Path,
		cfg:    cfg,
		dates:  new(dateCache),
	}, nil
}

// checkAuth rejects the combinations of credentials that make no sense.
func (cfg *clientConfig) checkAuth() error {
	signs := cfg.signer.AccessKey != ""
	switch {
	case signs && cfg.authToken.IsSet():
		return errors.New("WithToken and WithAKSK cannot be used together: choose one way to authenticate")
	case cfg.securityToken.IsSet() && !signs:
		return errors.New("WithSecurityToken needs WithAKSK: a security token comes with a temporary AK/SK")
	}
	return nil
}

// refuseRedirect is the CheckRedirect of a Client's http.Client: the
// redirect response is returned as it is.
func refuseRedirect(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }

// parseBaseURL checks a base URL and returns its scheme and host, and
// as Path its escaped path without a trailing "/".
func parseBaseURL(s string) (url.URL, error) {
	u, err := url.Parse(s)
	if err != nil {
		return url.URL{}, errors.New("base URL does not parse") // url's error quotes the URL
	}
	switch {
	case u.Scheme != "http" && u.Scheme != "https":
		return url.URL{}, errors.New("base URL must be an absolute http:// or https:// URL")
	case u.Opaque != "" || u.Host == "":
		return url.URL{}, errors.New("base URL has no host")
	case u.User != nil:
		return url.URL{}, errors.New("base URL must not contain user information")
	case u.RawQuery != "" || u.ForceQuery:
		return url.URL{}, errors.New("base URL must not have a query")
	case strings.Contains(s, "#"):
		return url.URL{}, errors.New("base URL must not have a fragment")
	}
	path := strings.TrimRight(u.EscapedPath(), "/")
	if hasEscapedSlash(path) {
		return url.URL{}, errors.New("base URL path must not contain an escaped \"/\": requests to it cannot be signed")
	}
	return url.URL{Scheme: u.Scheme, Host: u.Host, Path: path}, nil
}

// WithAKSK makes the Client sign every request with the access key and
// secret key (SDK-HMAC-SHA256, see Signer), again for every attempt.
func WithAKSK(accessKey, secretKey string) Option {
	return func(cfg *clientConfig) error {
		if accessKey == "" || secretKey == "" {
			return errors.New("WithAKSK: the access key and the secret key must not be empty")
		}
		if !isToken(accessKey) {
			return errors.New("WithAKSK: the access key must consist of letters, digits and punctuation, without spaces or commas")
		}
		cfg.signer = Signer{AccessKey: accessKey, SecretKey: NewSecret(secretKey)}
		return nil
	}
}

// WithSecurityToken sends token as X-Security-Token, for temporary
// credentials: the AK/SK given with WithAKSK are temporary ones and the
// token comes with them. The header is signed.
func WithSecurityToken(token string) Option {
	return func(cfg *clientConfig) error {
		if err := checkHeaderValue(token); err != nil {
			return fmt.Errorf("WithSecurityToken: the token %w", err)
		}
		cfg.securityToken = NewSecret(token)
		return nil
	}
}

// WithToken authenticates with an IAM token, sent as X-Auth-Token; it
// cannot be used with WithAKSK.
func WithToken(token string) Option {
	return func(cfg *clientConfig) error {
		if err := checkHeaderValue(token); err != nil {
			return fmt.Errorf("WithToken: the token %w", err)
		}
		cfg.authToken = NewSecret(token)
		return nil
	}
}

// WithHTTPClient sends the requests with a copy of hc, for its transport,
// timeout (which bounds each attempt on its own) and cookie jar. The copy
// follows no redirect, whatever hc.CheckRedirect says. By default a
// Client uses http.DefaultClient's settings, which set no timeout: give
// the context a deadline.
func WithHTTPClient(hc *http.Client) Option {
	return func(cfg *clientConfig) error {
		if hc == nil {
			return errors.New("WithHTTPClient: the client is nil")
		}
		cfg.httpClient = hc
		return nil
	}
}

// WithUserAgent sets the User-Agent header, "dmsgen-client" by default.
func WithUserAgent(userAgent string) Option {
	return func(cfg *clientConfig) error {
		if err := checkHeaderValue(userAgent); err != nil {
			return fmt.Errorf("WithUserAgent: the user agent %w", err)
		}
		cfg.userAgent = userAgent
		return nil
	}
}

// WithRetry sets when and how often requests are retried; zero fields of
// p take their defaults (see RetryPolicy).
func WithRetry(p RetryPolicy) Option {
	return func(cfg *clientConfig) error {
		p, err := p.withDefaults()
		if err != nil {
			return err
		}
		cfg.retry = p
		return nil
	}
}

// WithLogger logs every attempt to l: a successful one at level Debug, a
// failed one (an error status or no response) at level Info. A record
// has the operation, method, path (without the query), attempt number,
// status (0 when there was no response), duration and request ID, the
// error of a failed attempt and the wait before the next; never a header
// value, a credential or a body. A nil l logs nothing, which is the
// default.
func WithLogger(l *slog.Logger) Option {
	return func(cfg *clientConfig) error {
		cfg.logger = l
		return nil
	}
}

// checkHeaderValue reports why v cannot be a header value: it is empty or
// has a control character. The error leaves v out.
func checkHeaderValue(v string) error {
	if v == "" {
		return errors.New("must not be empty")
	}
	for i := 0; i < len(v); i++ {
		if c := v[i]; c < ' ' && c != '\t' || c == 0x7f {
			return errors.New("must not contain control characters")
		}
	}
	return nil
}

// sleepContext waits for d, or until ctx is done, when it returns ctx's
// error.
func sleepContext(ctx context.Context, d time.Duration) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	if d <= 0 {
		return nil
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// fullJitter returns a random duration in [0, limit), 0 when limit is not
// positive.
func fullJitter(limit time.Duration) time.Duration {
	if limit <= 0 {
		return 0
	}
	return rand.N(limit)
}

// authName names how the Client authenticates, for its printed form.
func (cfg *clientConfig) authName() string {
	switch {
	case cfg.signer.AccessKey != "" && cfg.securityToken.IsSet():
		return "AK/SK+SecurityToken"
	case cfg.signer.AccessKey != "":
		return "AK/SK"
	case cfg.authToken.IsSet():
		return "Token"
	}
	return "None"
}

// String returns the printed form, such as
// Client{BaseURL:https://dms.example.com Auth:AK/SK}, where Auth is None,
// AK/SK, AK/SK+SecurityToken or Token.
func (c Client) String() string {
	return "Client{BaseURL:" + c.base + " Auth:" + c.cfg.authName() + "}"
}

// GoString returns the same as String, so that %#v shows no field.
func (c Client) GoString() string { return c.String() }

// Format writes String's text for every verb, so that no fmt verb or flag
// prints the fields.
func (c Client) Format(f fmt.State, verb rune) {
	_, _ = io.WriteString(f, c.String())
}

// LogValue returns String's text, so that log/slog shows no field.
func (c Client) LogValue() slog.Value { return slog.StringValue(c.String()) }
