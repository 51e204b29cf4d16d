package signer

import (
	"strings"
)

// Fake credentials: no real key looks like these.
const (
	fakeAK   = "AKEXAMPLE0000000000"
	fakeSK   = "SKEXAMPLE0000000000000000000000000000000"
	fakeDate = "20240506T070809Z"
)

// The endpoints and IDs the cases use, after the DMS API's URLs.
const (
	endpoint   = "https://dms.eu-de.otc.t-systems.com"
	projectID  = "0a1b2c3d4e5f60718293a4b5c6d7e8f9"
	instanceID = "5e2a1c44-7f0b-4d7e-9a53-2b8c6f1d0e93"
	tasksPath  = "/v2/{project_id}/instances/{instance_id}/connector/tasks"
	userAgent  = "huaweicloud-usdk-go/3.0"
)

// Case is one request for the vendor's signer, in the vendor's terms: the
// fields of its request.DefaultHttpRequest.
type Case struct {
	Name       string
	Method     string
	Endpoint   string
	Path       string            // with {name} placeholders
	PathParams map[string]string // filled into Path by the vendor's builder
	Query      map[string]any    // values as the vendor's builder takes them (reflect.ValueOf)
	Headers    map[string]string // the vendor's header parameters, X-Sdk-Date aside
	Body       any               // a string is sent as it is; other values as the vendor encodes them (JSON)
	BodyRepeat int               // when > 1, Body (a string) is repeated this many times
	AK, SK     string            // fakeAK and fakeSK when empty
	Date       string            // fakeDate when empty
}

// redisTask is the Redis replication example of the Creating a Smart
// Connect Task page, the request body a DMS client sends most.
const redisTask = `{"task_name":"smart-connect-3","start_later":false,"topics":"topic-sc-3",` +
	`"source_type":"REDIS_REPLICATOR_SOURCE","source_task":{"redis_address":"192.168.99.249:6379,192.168.120.127:6379,192.168.116.219:6379",` +
	`"redis_type":"cluster","redis_password":"********","sync_mode":"RDB_ONLY","full_sync_wait_ms":10000,"full_sync_max_retry":10,"ratelimit":10},` +
	`"sink_type":"REDIS_REPLICATOR_SINK","sink_task":{"redis_address":"192.168.119.51:6379","redis_type":"standalone","redis_password":"********"}}`

// fakeToken is a fake security token, as long as the real ones.
var fakeToken = "gQpjbi1ub3J0aC00EXAMPLE" + strings.Repeat("0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ-_", 24)

// taskParams are the path parameters of the connector task URL.
func taskParams() map[string]string {
	return map[string]string{"project_id": projectID, "instance_id": instanceID}
}

// BenchCase is the representative request of the benchmarks: the page's
// operation, as the vendor's SDK client sends it (X-Project-Id, User-Agent,
// Content-Type), with the Redis example as body. It is also a vector, so
// that the benchmarks of both signers sign the same request.
func BenchCase() Case {
	return Case{
		Name:       "bench-create-connector-task",
		Method:     "POST",
		Endpoint:   endpoint,
		Path:       tasksPath,
		PathParams: taskParams(),
		Headers: map[string]string{
			"X-Project-Id": projectID,
			"User-Agent":   userAgent,
			"Content-Type": "application/json",
		},
		Body: redisTask,
	}
}

// taskBody is a struct body, which the vendor encodes with encoding/json
// (a newline at the end) before hashing and sending it.
type taskBody struct {
	TaskName   string `json:"task_name"`
	StartLater bool   `json:"start_later"`
	Topics     string `json:"topics,omitempty"`
}

// Cases returns the requests of the vectors, in the file's order.
func Cases() []Case {
	json := map[string]string{"Content-Type": "application/json"}
	return []Case{
		BenchCase(),
		{Name: "get-list-tasks", Method: "GET", Endpoint: endpoint, Path: tasksPath, PathParams: taskParams(),
			Query:   map[string]any{"offset": 0, "limit": 10},
			Headers: map[string]string{"X-Project-Id": projectID, "User-Agent": userAgent}},
		{Name: "get-no-headers", Method: "GET", Endpoint: endpoint, Path: "/v2/" + projectID + "/instances"},
		{Name: "post-json-charset", Method: "POST", Endpoint: endpoint, Path: tasksPath, PathParams: taskParams(),
			Headers: map[string]string{"Content-Type": "application/json;charset=UTF-8", "X-Project-Id": projectID},
			Body:    redisTask},
		{Name: "post-struct-body", Method: "POST", Endpoint: endpoint, Path: tasksPath, PathParams: taskParams(),
			Headers: json, Body: &taskBody{TaskName: "smart-connect-<1>&", Topics: "topic-1"}},
		{Name: "put-json", Method: "PUT", Endpoint: endpoint, Path: tasksPath + "/{task_id}",
			PathParams: map[string]string{"project_id": projectID, "instance_id": instanceID, "task_id": "8f7e6d5c"},
			Headers:    json, Body: `{"task_name":"renamed"}`},
		{Name: "patch-json", Method: "PATCH", Endpoint: endpoint, Path: "/v2/" + projectID + "/instances/" + instanceID,
			Headers: json, Body: `{"description":"caf\u00e9 \u2603"}`},
		{Name: "delete-no-body", Method: "DELETE", Endpoint: endpoint, Path: tasksPath + "/{task_id}",
			PathParams: map[string]string{"project_id": projectID, "instance_id": instanceID, "task_id": "8f7e6d5c"},
			Headers:    map[string]string{"X-Project-Id": projectID}},
		{Name: "post-empty-json-body", Method: "POST", Endpoint: endpoint, Path: "/v2/" + projectID + "/instances/action",
			Headers: json, Body: ""},
		{Name: "post-large-body", Method: "POST", Endpoint: endpoint, Path: "/v2/" + projectID + "/instances/bulk",
			Headers: json, Body: `{"k":"lorem ipsum dolor sit amet, consectetur adipiscing elit"},`, BodyRepeat: 4096},

		// Paths.
		{Name: "path-space", Method: "GET", Endpoint: endpoint, Path: "/v2/a b/c  d"},
		{Name: "path-percent", Method: "GET", Endpoint: endpoint, Path: "/v2/100%/%41%2F"},
		{Name: "path-plus", Method: "GET", Endpoint: endpoint, Path: "/v2/a+b/+"},
		{Name: "path-unreserved", Method: "GET", Endpoint: endpoint, Path: "/v2/~user/a.b_c-d/Z09"},
		{Name: "path-sub-delims", Method: "GET", Endpoint: endpoint, Path: "/v2/a:b@c;d=e,f!$&'()*/[x]"},
		{Name: "path-unicode", Method: "GET", Endpoint: endpoint, Path: "/v2/café/☃/日本語/😀"},
		{Name: "path-unexpanded-placeholder", Method: "GET", Endpoint: endpoint, Path: "/v2/{project_id}/instances"},
		{Name: "path-empty-segment", Method: "GET", Endpoint: endpoint, Path: "/v2//instances"},
		{Name: "path-trailing-slash", Method: "GET", Endpoint: endpoint, Path: "/v2/instances/"},
		{Name: "path-root", Method: "GET", Endpoint: endpoint, Path: "/"},

		// Queries.
		{Name: "query-repeated-key", Method: "GET", Endpoint: endpoint, Path: "/v2/instances",
			Query: map[string]any{"tag": []string{"b", "a", "c", "a"}, "id": []int{3, 1, 2}}},
		{Name: "query-keys-escaped", Method: "GET", Endpoint: endpoint, Path: "/v2/instances",
			Query: map[string]any{"a b": "1", "k=v&w": "2", "x[y]": "3", "ä": "4", "~.-_": "5", "+": "6"}},
		{Name: "query-values-escaped", Method: "GET", Endpoint: endpoint, Path: "/v2/instances",
			Query: map[string]any{"q": "a+b c", "r": "x/y?z#w", "s": "100%", "t": "一 (&=?!#%.*)", "u": "~ok-._"}},
		{Name: "query-empty-values", Method: "GET", Endpoint: endpoint, Path: "/v2/instances",
			Query: map[string]any{"marker": "", "name": "x", "flag": ""}},
		{Name: "query-sort-raw-not-escaped", Method: "GET", Endpoint: endpoint, Path: "/v2/instances",
			Query: map[string]any{"aé": "1", "a~": "2", "a%": "3", "a": []string{"é", "~", " ", "z"}}},
		{Name: "query-map-and-bool", Method: "GET", Endpoint: endpoint, Path: "/v2/instances",
			Query: map[string]any{"filter": map[string]string{"status": "RUNNING"}, "detail": true, "limit": int64(1000)}},

		// Headers.
		{Name: "headers-project-and-language", Method: "GET", Endpoint: endpoint, Path: "/v2/" + projectID + "/instances",
			Headers: map[string]string{"X-Project-Id": projectID, "X-Language": "en-us", "Accept": "application/json"}},
		{Name: "headers-security-token", Method: "POST", Endpoint: endpoint, Path: tasksPath, PathParams: taskParams(),
			Headers: map[string]string{"X-Security-Token": fakeToken, "X-Project-Id": projectID, "Content-Type": "application/json"},
			Body:    redisTask},
		{Name: "headers-surrounding-spaces", Method: "GET", Endpoint: endpoint, Path: "/v2/instances",
			Headers: map[string]string{"X-Spaced": "  two  inner  spaces  ", "X-Tabs": "\tv\t", "X-Empty": ""}},
		{Name: "headers-duplicate-values", Method: "GET", Endpoint: endpoint, Path: "/v2/instances",
			Headers: map[string]string{"X-Dup": "b", "x-dup": " a", "X-DUP": "c"}},
		{Name: "headers-name-case", Method: "GET", Endpoint: endpoint, Path: "/v2/instances",
			Headers: map[string]string{"x-project-id": projectID, "X-LANGUAGE": "zh-cn", "x-Custom-HEADER": "v"}},
		{Name: "headers-underscore-not-signed", Method: "GET", Endpoint: endpoint, Path: "/v2/instances",
			Headers: map[string]string{"X_Trace_Id": "t-1", "X-Request-Id": "r-1"}},
		{Name: "headers-content-type-prefix-not-signed", Method: "POST", Endpoint: endpoint, Path: "/v2/instances",
			Headers: map[string]string{"Content-Type": "application/json", "Content-Type-Options": "nosniff", "Content-Language": "en"},
			Body:    `{}`},

		// Content types whose body the vendor leaves unsigned.
		{Name: "content-octet-stream-unsigned", Method: "PUT", Endpoint: endpoint, Path: "/v2/objects/blob.bin",
			Headers: map[string]string{"Content-Type": "application/octet-stream"}, Body: "\x00\x01\x02binary\xff"},
		{Name: "content-text-plain-unsigned", Method: "POST", Endpoint: endpoint, Path: "/v2/messages",
			Headers: map[string]string{"Content-Type": "text/plain; charset=utf-8"}, Body: "hello"},
		{Name: "content-empty-type-unsigned", Method: "POST", Endpoint: endpoint, Path: "/v2/messages",
			Headers: map[string]string{"Content-Type": ""}, Body: "hello"},
		{Name: "content-sha256-given", Method: "POST", Endpoint: endpoint, Path: "/v2/messages",
			Headers: map[string]string{"Content-Type": "application/json",
				"X-Sdk-Content-Sha256": "0000000000000000000000000000000000000000000000000000000000000000"},
			Body: `{"ignored":true}`},

		// Hosts.
		{Name: "host-port-unsigned", Method: "GET", Endpoint: "https://dms.example.com:8443", Path: "/v2/instances"},
		{Name: "host-port-signed", Method: "GET", Endpoint: "https://dms.example.com:8443", Path: "/v2/instances",
			Headers: map[string]string{"Host": "dms.example.com:8443", "X-Project-Id": projectID}},

		// Keys and dates.
		{Name: "keys-long-sk-and-other-date", Method: "GET", Endpoint: endpoint, Path: "/v2/instances",
			AK: "AKEXAMPLEOTHER", SK: "SKEXAMPLE/+=" + strings.Repeat("x", 80), Date: "19991231T235959Z"},
	}
}
