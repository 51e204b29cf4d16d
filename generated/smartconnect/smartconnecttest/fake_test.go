package smartconnecttest_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/dmsgen/dmsgen/generated/smartconnect"
	"github.com/dmsgen/dmsgen/generated/smartconnect/smartconnecttest"
)

const (
	project  = "proj-1"
	instance = "inst-1"
	testAK   = "test-ak"
	testSK   = "test-sk"
)

var uuidPattern = regexp.MustCompile(`^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$`)

// redisTask is the page's Redis example, with passwords that must never
// come back.
func redisTask(startLater bool) *smartconnect.CreateConnectorTaskRequest {
	return &smartconnect.CreateConnectorTaskRequest{
		TaskName:   smartconnect.Ptr("smart-connect-3"),
		StartLater: smartconnect.Ptr(startLater),
		Topics:     smartconnect.Ptr("topic-sc-3"),
		SourceType: smartconnect.Ptr(smartconnect.SourceTypeRedisReplicatorSource),
		SourceTask: &smartconnect.SmartConnectTaskReqSourceConfig{
			RedisAddress:     smartconnect.Ptr("192.168.99.249:6379"),
			RedisType:        smartconnect.Ptr("cluster"),
			RedisPassword:    smartconnect.NewSecret("source-password-1"),
			SyncMode:         smartconnect.Ptr(smartconnect.SyncModeRDBOnly),
			FullSyncWaitMS:   smartconnect.Ptr[int32](10000),
			FullSyncMaxRetry: smartconnect.Ptr[int32](10),
			Ratelimit:        smartconnect.Ptr[int32](10),
		},
		SinkType: smartconnect.Ptr(smartconnect.SinkTypeRedisReplicatorSink),
		SinkTask: &smartconnect.SmartConnectTaskReqSinkConfig{
			RedisAddress:  smartconnect.Ptr("192.168.119.51:6379"),
			RedisType:     smartconnect.Ptr("standalone"),
			RedisPassword: smartconnect.NewSecret("sink-password-2"),
		},
	}
}

// wantAPIError fails unless err is an *APIError with status and code.
func wantAPIError(t *testing.T, what string, err error, status int, code string) {
	t.Helper()
	var ae *smartconnect.APIError
	if !errors.As(err, &ae) {
		t.Errorf("%s: got %v, want an *APIError %d %s", what, err, status, code)
		return
	}
	if ae.StatusCode != status || ae.Code != code {
		t.Errorf("%s: got %d %s (%s), want %d %s", what, ae.StatusCode, ae.Code, ae.Message, status, code)
	}
}

// TestStateMachine calls the Handler methods directly through every
// documented transition and every refused one.
func TestStateMachine(t *testing.T) {
	ctx := context.Background()
	f := smartconnecttest.New()
	ids := func(task string) (smartconnect.PauseConnectorTaskParams, smartconnect.ResumeConnectorTaskParams, smartconnect.RestartConnectorTaskParams) {
		return smartconnect.PauseConnectorTaskParams{ProjectID: project, InstanceID: instance, TaskID: task},
			smartconnect.ResumeConnectorTaskParams{ProjectID: project, InstanceID: instance, TaskID: task},
			smartconnect.RestartConnectorTaskParams{ProjectID: project, InstanceID: instance, TaskID: task}
	}
	status := func(task string) string {
		t.Helper()
		e, err := f.ShowConnectorTask(ctx, smartconnect.ShowConnectorTaskParams{ProjectID: project, InstanceID: instance, TaskID: task})
		if err != nil {
			t.Fatal(err)
		}
		return *e.Status
	}
	create := smartconnect.CreateConnectorTaskParams{ProjectID: project, InstanceID: instance}

	_, err := f.CreateConnectorTask(ctx, create, redisTask(false))
	wantAPIError(t, "create before enabling", err, 400, smartconnecttest.CodeStatus)
	_, err = f.DeleteConnector(ctx, smartconnect.DeleteConnectorParams{ProjectID: project, InstanceID: instance})
	wantAPIError(t, "disable before enabling", err, 400, smartconnecttest.CodeStatus)
	if f.Enabled(instance) {
		t.Fatal("Smart Connect is on before CreateConnector")
	}
	on, err := f.CreateConnector(ctx, smartconnect.CreateConnectorParams{ProjectID: project, InstanceID: instance}, &smartconnect.CreateConnectorRequest{})
	if err != nil {
		t.Fatal(err)
	}
	if on.JobID == nil || !uuidPattern.MatchString(*on.JobID) || on.ConnectorID == nil || !uuidPattern.MatchString(*on.ConnectorID) {
		t.Errorf("CreateConnector: got %v", on)
	}
	if !f.Enabled(instance) || f.Enabled("other") {
		t.Error("Enabled does not follow CreateConnector")
	}
	_, err = f.CreateConnector(ctx, smartconnect.CreateConnectorParams{ProjectID: project, InstanceID: instance}, &smartconnect.CreateConnectorRequest{})
	wantAPIError(t, "enable twice", err, 400, smartconnecttest.CodeStatus)
	_, err = f.CreateConnectorTask(ctx, create, nil)
	wantAPIError(t, "create without a body", err, 400, smartconnecttest.CodeEmptyBody)

	running, err := f.CreateConnectorTask(ctx, create, redisTask(false))
	if err != nil {
		t.Fatal(err)
	}
	waiting, err := f.CreateConnectorTask(ctx, create, redisTask(true))
	if err != nil {
		t.Fatal(err)
	}
	r, w := *running.ID, *waiting.ID
	if !uuidPattern.MatchString(r) || r == w {
		t.Fatalf("task IDs %q and %q", r, w)
	}
	if status(r) != smartconnecttest.StatusRunning || status(w) != smartconnecttest.StatusWaiting {
		t.Fatalf("statuses after create: %s, %s", status(r), status(w))
	}

	pause, resume, restart := ids(r)
	if err := f.ResumeConnectorTask(ctx, resume); err == nil {
		t.Error("resuming a running task succeeded")
	} else {
		wantAPIError(t, "resume running", err, 400, smartconnecttest.CodeStatus)
	}
	if err := f.PauseConnectorTask(ctx, pause); err != nil || status(r) != smartconnecttest.StatusPaused {
		t.Fatalf("pause running: %v, status %s", err, status(r))
	}
	wantAPIError(t, "pause paused", f.PauseConnectorTask(ctx, pause), 400, smartconnecttest.CodeStatus)
	if err := f.ResumeConnectorTask(ctx, resume); err != nil || status(r) != smartconnecttest.StatusRunning {
		t.Fatalf("resume paused: %v, status %s", err, status(r))
	}
	if err := f.RestartConnectorTask(ctx, restart); err != nil || status(r) != smartconnecttest.StatusRunning {
		t.Fatalf("restart running: %v, status %s", err, status(r))
	}
	if err := f.PauseConnectorTask(ctx, pause); err != nil {
		t.Fatal(err)
	}
	if err := f.RestartConnectorTask(ctx, restart); err != nil || status(r) != smartconnecttest.StatusRunning {
		t.Fatalf("restart paused: %v, status %s", err, status(r))
	}

	pause, resume, restart = ids(w)
	wantAPIError(t, "pause waiting", f.PauseConnectorTask(ctx, pause), 400, smartconnecttest.CodeStatus)
	wantAPIError(t, "resume waiting", f.ResumeConnectorTask(ctx, resume), 400, smartconnecttest.CodeStatus)
	if err := f.RestartConnectorTask(ctx, restart); err != nil || status(w) != smartconnecttest.StatusRunning {
		t.Fatalf("restart waiting: %v, status %s", err, status(w))
	}

	del := smartconnect.DeleteConnectorTaskParams{ProjectID: project, InstanceID: instance, TaskID: r}
	if err := f.DeleteConnectorTask(ctx, del); err != nil {
		t.Fatal(err)
	}
	wantAPIError(t, "delete deleted", f.DeleteConnectorTask(ctx, del), 404, smartconnecttest.CodeNotFound)
	_, err = f.ShowConnectorTask(ctx, smartconnect.ShowConnectorTaskParams{ProjectID: project, InstanceID: instance, TaskID: r})
	wantAPIError(t, "show deleted", err, 404, smartconnecttest.CodeNotFound)
	wantAPIError(t, "pause deleted", f.PauseConnectorTask(ctx, smartconnect.PauseConnectorTaskParams{ProjectID: project, InstanceID: instance, TaskID: r}), 404, smartconnecttest.CodeNotFound)
	_, err = f.ShowConnectorTask(ctx, smartconnect.ShowConnectorTaskParams{ProjectID: project, InstanceID: instance, TaskID: "not-a-uuid"})
	wantAPIError(t, "show malformed ID", err, 400, smartconnecttest.CodeInvalidTaskID)
	_, err = f.ShowConnectorTask(ctx, smartconnect.ShowConnectorTaskParams{ProjectID: project, InstanceID: "other", TaskID: w})
	wantAPIError(t, "show on another instance", err, 400, smartconnecttest.CodeStatus)

	off, err := f.DeleteConnector(ctx, smartconnect.DeleteConnectorParams{ProjectID: project, InstanceID: instance})
	if err != nil || off.JobID == nil || !uuidPattern.MatchString(*off.JobID) {
		t.Fatalf("DeleteConnector: %v, %v", off, err)
	}
	if f.Enabled(instance) {
		t.Error("Smart Connect is on after DeleteConnector")
	}
	_, err = f.ListConnectorTasks(ctx, smartconnect.ListConnectorTasksParams{ProjectID: project, InstanceID: instance})
	wantAPIError(t, "list after disabling", err, 400, smartconnecttest.CodeStatus)
	if _, err := f.CreateConnector(ctx, smartconnect.CreateConnectorParams{ProjectID: project, InstanceID: instance}, &smartconnect.CreateConnectorRequest{}); err != nil {
		t.Fatal(err)
	}
	list, err := f.ListConnectorTasks(ctx, smartconnect.ListConnectorTasksParams{ProjectID: project, InstanceID: instance})
	if err != nil || *list.TotalNumber != 0 {
		t.Errorf("after switching off and on: %v tasks, %v; want none", list, err)
	}
}

// TestCreateCopiesRequest checks the response of CreateConnectorTask: the
// request's fields, the documented defaults, null for a missing side, the
// clock, and no secret.
func TestCreateCopiesRequest(t *testing.T) {
	at := time.Date(2024, 2, 20, 11, 15, 53, 133e6, time.UTC)
	f := smartconnecttest.New(smartconnecttest.WithSmartConnect(instance), smartconnecttest.WithClock(func() time.Time { return at }))
	srv := f.Server()
	defer srv.Close()

	body, err := smartconnect.EncodeCreateConnectorTaskRequest(redisTask(false))
	if err != nil {
		t.Fatal(err)
	}
	resp, err := http.Post(srv.URL+"/v2/"+project+"/instances/"+instance+"/connector/tasks", "application/json", bytes.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	data, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != 200 {
		t.Fatalf("status %d: %s", resp.StatusCode, data)
	}
	for _, secret := range []string{"source-password-1", "sink-password-2", "password"} {
		if bytes.Contains(data, []byte(secret)) {
			t.Errorf("the response holds %q: %s", secret, data)
		}
	}
	e, err := smartconnect.DecodeSmartConnectTaskEntity(data)
	if err != nil {
		t.Fatal(err)
	}
	src, sink := e.SourceTask.Value, e.SinkTask.Value
	switch {
	case *e.TaskName != "smart-connect-3" || *e.Topics != "topic-sc-3" || e.TopicsRegex != nil:
		t.Errorf("names: %v", e)
	case *e.SourceType != smartconnect.SourceTypeRedisReplicatorSource || *e.SinkType != smartconnect.SinkTypeRedisReplicatorSink:
		t.Errorf("types: %v", e)
	case *src.RedisAddress != "192.168.99.249:6379" || *src.SyncMode != smartconnect.SyncModeRDBOnly || *src.FullSyncWaitMS != 10000 || *src.Ratelimit != 10:
		t.Errorf("source: %v", src)
	case *sink.RedisAddress != "192.168.119.51:6379" || *sink.TargetDB != -1:
		t.Errorf("sink: %v", sink)
	case *e.CreateTime != at.UnixMilli() || *e.Status != smartconnecttest.StatusRunning:
		t.Errorf("create_time %d status %s", *e.CreateTime, *e.Status)
	}

	// The page's OBS example: no source (null), the OBS defaults.
	obs := &smartconnect.CreateConnectorTaskRequest{
		TaskName:    smartconnect.Ptr("smart-connect-1"),
		TopicsRegex: smartconnect.Ptr("topic-obs*"),
		SourceType:  smartconnect.Ptr(smartconnect.SourceTypeNone),
		SinkType:    smartconnect.Ptr(smartconnect.SinkTypeOBSSink),
		SinkTask: &smartconnect.SmartConnectTaskReqSinkConfig{
			ConsumerStrategy:    smartconnect.Ptr(smartconnect.ConsumerStrategyEarliest),
			DestinationFileType: smartconnect.Ptr(smartconnect.DestinationFileTypeText),
			DeliverTimeInterval: smartconnect.Ptr[int32](600),
			AccessKey:           smartconnect.NewSecret("obs-access-key"),
			SecretKey:           smartconnect.NewSecret("obs-secret-key"),
			OBSBucketName:       smartconnect.Ptr("obs_bucket"),
			OBSPath:             smartconnect.Ptr("obsTransfer"),
			PartitionFormat:     smartconnect.Ptr(smartconnect.PartitionFormatDay),
			RecordDelimiter:     smartconnect.Ptr(smartconnect.RecordDelimiterComma),
			StoreKeys:           smartconnect.Ptr(true),
		},
	}
	e, err = f.CreateConnectorTask(context.Background(), smartconnect.CreateConnectorTaskParams{ProjectID: project, InstanceID: instance}, obs)
	if err != nil {
		t.Fatal(err)
	}
	data, _ = smartconnect.EncodeSmartConnectTaskEntity(e)
	if bytes.Contains(data, []byte("obs-access-key")) || bytes.Contains(data, []byte("obs-secret-key")) || bytes.Contains(data, []byte("access_key")) {
		t.Errorf("the response holds the OBS keys: %s", data)
	}
	sink = e.SinkTask.Value
	switch {
	case e.SourceTask == nil || !e.SourceTask.Null:
		t.Errorf("source_task: got %v, want null", e.SourceTask)
	case *sink.DeliverTimeInterval != 600 || *sink.OBSPartSize != 5242880 || *sink.KvDelimiter != ":" || *sink.StoreKeys != true:
		t.Errorf("OBS sink: %v", sink)
	case *sink.KeyConverter != "org.apache.kafka.connect.converters.ByteArrayConverter" || sink.TargetDB != nil:
		t.Errorf("OBS sink: %v", sink)
	}

	// The returned value is the caller's: changing it changes no task.
	*e.TaskName = "changed"
	again, err := f.ShowConnectorTask(context.Background(), smartconnect.ShowConnectorTaskParams{ProjectID: project, InstanceID: instance, TaskID: *e.ID})
	if err != nil || *again.TaskName != "smart-connect-1" {
		t.Errorf("a returned task shares the stored one: %v, %v", again, err)
	}
}

// TestPaging checks offset and limit, the defaults and the counts.
func TestPaging(t *testing.T) {
	ctx := context.Background()
	f := smartconnecttest.New(smartconnecttest.WithSmartConnect(instance), smartconnecttest.WithTaskLimits(13, 25))
	var ids []string
	for range 13 {
		e, err := f.CreateConnectorTask(ctx, smartconnect.CreateConnectorTaskParams{ProjectID: project, InstanceID: instance}, redisTask(false))
		if err != nil {
			t.Fatal(err)
		}
		ids = append(ids, *e.ID)
	}
	_, err := f.CreateConnectorTask(ctx, smartconnect.CreateConnectorTaskParams{ProjectID: project, InstanceID: instance}, redisTask(false))
	wantAPIError(t, "beyond max_tasks", err, 400, smartconnecttest.CodeQuota)

	for _, c := range []struct {
		offset, limit *int32
		first, n      int
	}{
		{nil, nil, 0, 10},
		{smartconnect.Ptr[int32](0), smartconnect.Ptr[int32](5), 0, 5},
		{smartconnect.Ptr[int32](10), nil, 10, 3},
		{smartconnect.Ptr[int32](12), smartconnect.Ptr[int32](50), 12, 1},
		{smartconnect.Ptr[int32](13), smartconnect.Ptr[int32](1), 13, 0},
		{smartconnect.Ptr[int32](1000), nil, 13, 0},
	} {
		list, err := f.ListConnectorTasks(ctx, smartconnect.ListConnectorTasksParams{ProjectID: project, InstanceID: instance, Offset: c.offset, Limit: c.limit})
		if err != nil {
			t.Fatal(err)
		}
		if *list.TotalNumber != 13 || *list.MaxTasks != 13 || *list.QuotaTasks != 25 {
			t.Errorf("counts %d %d %d", *list.TotalNumber, *list.MaxTasks, *list.QuotaTasks)
		}
		var got []string
		for _, e := range list.Tasks {
			got = append(got, *e.ID)
		}
		if want := ids[c.first : c.first+c.n]; fmt.Sprint(got) != fmt.Sprint(want) {
			t.Errorf("offset %v limit %v: got %d tasks %v, want %v", c.offset, c.limit, len(got), got, want)
		}
		if list.Tasks == nil {
			t.Error("an empty page has tasks null, want []")
		}
	}
}

// send makes a request to the fake through a Client with opts.
func send(t *testing.T, srvURL string, opts ...smartconnect.Option) error {
	t.Helper()
	c, err := smartconnect.NewClient(srvURL, append([]smartconnect.Option{smartconnect.WithRetry(smartconnect.RetryPolicy{MaxAttempts: 1})}, opts...)...)
	if err != nil {
		t.Fatal(err)
	}
	_, err = c.ListConnectorTasks(context.Background(), smartconnect.ListConnectorTasksParams{ProjectID: project, InstanceID: instance})
	return err
}

// tamper is a transport that changes a signed request before it is sent.
type tamper func(*http.Request)

func (tm tamper) RoundTrip(r *http.Request) (*http.Response, error) {
	r = r.Clone(r.Context())
	tm(r)
	return http.DefaultTransport.RoundTrip(r)
}

// flipLastDigit changes the last hex digit of the signature.
func flipLastDigit(r *http.Request) {
	auth := r.Header.Get("Authorization")
	last := "0"
	if strings.HasSuffix(auth, "0") {
		last = "1"
	}
	r.Header.Set("Authorization", auth[:len(auth)-1]+last)
}

// TestCredentials checks WithCredentials, WithToken and WithProjectCheck.
func TestCredentials(t *testing.T) {
	f := smartconnecttest.New(smartconnecttest.WithSmartConnect(instance), smartconnecttest.WithCredentials(testAK, testSK), smartconnecttest.WithProjectCheck())
	srv := f.Server()
	defer srv.Close()

	if err := send(t, srv.URL, smartconnect.WithAKSK(testAK, testSK)); err != nil {
		t.Fatalf("signed: %v", err)
	}
	if err := send(t, srv.URL, smartconnect.WithAKSK(testAK, testSK), smartconnect.WithSecurityToken("sts-token")); err != nil {
		t.Fatalf("signed with a security token: %v", err)
	}
	wantAPIError(t, "unsigned", send(t, srv.URL), 401, smartconnecttest.CodeMissingToken)
	wantAPIError(t, "another secret key", send(t, srv.URL, smartconnect.WithAKSK(testAK, "other-sk")), 401, smartconnecttest.CodeAuth)
	wantAPIError(t, "another access key", send(t, srv.URL, smartconnect.WithAKSK("other-ak", testSK)), 401, smartconnecttest.CodeAuth)
	wantAPIError(t, "a token", send(t, srv.URL, smartconnect.WithToken("tok")), 401, smartconnecttest.CodeMissingToken)
	for name, change := range map[string]func(*http.Request){
		"query":        func(r *http.Request) { r.URL.RawQuery = "limit=5" },
		"path":         func(r *http.Request) { r.URL.Path = "/v2/" + project + "/instances/inst-2/connector/tasks" },
		"method":       func(r *http.Request) { r.Method = http.MethodPost },
		"user agent":   func(r *http.Request) { r.Header.Set("User-Agent", "other") },
		"date":         func(r *http.Request) { r.Header.Set("X-Sdk-Date", "20200101T000000Z") },
		"no date":      func(r *http.Request) { r.Header.Del("X-Sdk-Date") },
		"signature":    flipLastDigit,
		"not SDK-HMAC": func(r *http.Request) { r.Header.Set("Authorization", "Bearer x") },
	} {
		hc := &http.Client{Transport: tamper(change)}
		err := send(t, srv.URL, smartconnect.WithAKSK(testAK, testSK), smartconnect.WithHTTPClient(hc))
		var ae *smartconnect.APIError
		if !errors.As(err, &ae) || ae.StatusCode != 401 {
			t.Errorf("%s changed after signing: got %v, want 401", name, err)
		}
	}
	// Credentials are checked before the project.
	hc := &http.Client{Transport: tamper(func(r *http.Request) { r.URL.Path = strings.Replace(r.URL.Path, project, "proj-2", 1) })}
	c, _ := smartconnect.NewClient(srv.URL, smartconnect.WithHTTPClient(hc))
	_, err := c.ListConnectorTasks(context.Background(), smartconnect.ListConnectorTasksParams{ProjectID: project, InstanceID: instance})
	wantAPIError(t, "unsigned, project changed", err, 401, smartconnecttest.CodeMissingToken)

	tf := smartconnecttest.New(smartconnecttest.WithSmartConnect(instance), smartconnecttest.WithToken("tok"), smartconnecttest.WithProjectCheck())
	tsrv := tf.Server()
	defer tsrv.Close()
	if err := send(t, tsrv.URL, smartconnect.WithToken("tok")); err != nil {
		t.Fatalf("token: %v", err)
	}
	wantAPIError(t, "another token", send(t, tsrv.URL, smartconnect.WithToken("other")), 401, smartconnecttest.CodeInvalidToken)
	wantAPIError(t, "no token", send(t, tsrv.URL), 401, smartconnecttest.CodeMissingToken)
	hc = &http.Client{Transport: tamper(func(r *http.Request) { r.Header.Set("X-Project-Id", "proj-2") })}
	wantAPIError(t, "another project header", send(t, tsrv.URL, smartconnect.WithToken("tok"), smartconnect.WithHTTPClient(hc)), 401, smartconnecttest.CodeProjectMismatch)
	hc = &http.Client{Transport: tamper(func(r *http.Request) { r.Header.Del("X-Project-Id") })}
	wantAPIError(t, "no project header", send(t, tsrv.URL, smartconnect.WithToken("tok"), smartconnect.WithHTTPClient(hc)), 401, smartconnecttest.CodeProjectMismatch)

	for _, r := range tf.Requests() {
		if v := r.Header.Get("X-Auth-Token"); v != "" && v != "[REDACTED]" {
			t.Errorf("a recorded request shows the token %q", v)
		}
	}
	for _, r := range f.Requests() {
		for _, name := range []string{"Authorization", "X-Security-Token"} {
			if v := r.Header.Get(name); v != "" && v != "[REDACTED]" {
				t.Errorf("a recorded request shows %s %q", name, v)
			}
		}
	}
}

// TestVerifySignature checks VerifySignature on requests signed with
// smartconnect.Signer, as a server receives them.
func TestVerifySignature(t *testing.T) {
	var (
		mu  sync.Mutex
		got []error
	)
	s := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		mu.Lock()
		got = append(got, smartconnecttest.VerifySignature(r, body, testAK, testSK))
		mu.Unlock()
	}))
	defer s.Close()

	signer := smartconnect.Signer{AccessKey: testAK, SecretKey: smartconnect.NewSecret(testSK)}
	for _, c := range []struct {
		method, path, query, contentType string
		body                             []byte
	}{
		{"GET", "/v2/p/instances/i/connector/tasks", "offset=0&limit=5", "", nil},
		{"POST", "/v2/p/instances/i/connector/tasks", "", "application/json", []byte(`{"task_name":"a b"}`)},
		{"POST", "/v2/p/instances/i%20j/connector", "", "text/plain", []byte("not signed")},
		{"PUT", "/v2/p/kafka/instances/i/connector/tasks/t/restart", "a=1&a=2&b=%2B", "", nil},
	} {
		req, err := http.NewRequest(c.method, s.URL+c.path+"?"+c.query, bytes.NewReader(c.body))
		if err != nil {
			t.Fatal(err)
		}
		req.Header.Set("X-Project-Id", "p")
		req.Header.Add("X-Multi", "1")
		req.Header.Add("X-Multi", "2")
		if c.contentType != "" {
			req.Header.Set("Content-Type", c.contentType)
		}
		if err := signer.Sign(req, c.body, time.Now()); err != nil {
			t.Fatal(err)
		}
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
	}
	mu.Lock()
	defer mu.Unlock()
	for i, err := range got {
		if err != nil {
			t.Errorf("request %d: %v", i, err)
		}
	}
	if len(got) != 4 {
		t.Errorf("%d requests verified, want 4", len(got))
	}
}

// TestFailNext checks injected failures: their count, order, body and
// Retry-After, and that unknown operations panic.
func TestFailNext(t *testing.T) {
	f := smartconnecttest.New(smartconnecttest.WithSmartConnect(instance))
	srv := f.Server()
	defer srv.Close()
	f.FailNext("ListConnectorTasks", 503, 1)
	f.FailWith("ListConnectorTasks", smartconnecttest.Failure{Status: 429, Code: "APIGW.0308", Message: "throttled", RetryAfter: "7"}, 1)
	f.FailNext("ListConnectorTasks", 404, 1)

	get := func() (*http.Response, string) {
		resp, err := http.Get(srv.URL + "/v2/" + project + "/instances/" + instance + "/connector/tasks")
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		return resp, string(b)
	}
	for _, want := range []struct {
		status     int
		body       string
		retryAfter string
	}{
		{503, `{"error_code":"DMS.00500000","error_msg":"Internal service error."}`, ""},
		{429, `{"error_code":"APIGW.0308","error_msg":"throttled"}`, "7"},
		{404, `{"error_code":"DMS.00404001","error_msg":"Not Found"}`, ""},
		{200, "", ""},
	} {
		resp, body := get()
		if resp.StatusCode != want.status || want.body != "" && body != want.body || resp.Header.Get("Retry-After") != want.retryAfter {
			t.Errorf("got %d %s (Retry-After %q), want %d %s", resp.StatusCode, body, resp.Header.Get("Retry-After"), want.status, want.body)
		}
		if resp.Header.Get("X-Request-Id") == "" {
			t.Error("no X-Request-Id")
		}
	}
	for _, bad := range []func(){
		func() { f.FailNext("NoSuchOperation", 503, 1) },
		func() { f.FailNext("ListConnectorTasks", 200, 1) },
	} {
		func() {
			defer func() {
				if recover() == nil {
					t.Error("no panic")
				}
			}()
			bad()
		}()
	}
}

// TestRequests checks what Requests records, unrouted requests included.
func TestRequests(t *testing.T) {
	f := smartconnecttest.New(smartconnecttest.WithSmartConnect(instance))
	srv := f.Server()
	defer srv.Close()
	for _, path := range []string{"/v2/p/instances/" + instance + "/connector/tasks?limit=2", "/nowhere"} {
		resp, err := http.Get(srv.URL + path)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
	}
	got := f.Requests()
	if len(got) != 2 {
		t.Fatalf("%d requests recorded, want 2", len(got))
	}
	if r := got[0]; r.Operation != "ListConnectorTasks" || r.Method != "GET" || r.Path != "/v2/p/instances/"+instance+"/connector/tasks" || r.RawQuery != "limit=2" || r.Status != 200 || r.Header.Get("User-Agent") == "" {
		t.Errorf("first: %+v", r)
	}
	if r := got[1]; r.Operation != "" || r.Path != "/nowhere" || r.Status != 404 {
		t.Errorf("second: %+v", r)
	}
	got[0].Header.Set("User-Agent", "changed")
	if f.Requests()[0].Header.Get("User-Agent") == "changed" {
		t.Error("Requests shares its headers with the caller")
	}
}

// TestConcurrent creates, lists and changes tasks from many goroutines (run
// with -race).
func TestConcurrent(t *testing.T) {
	f := smartconnecttest.New(smartconnecttest.WithSmartConnect(instance), smartconnecttest.WithTaskLimits(1000, 1000), smartconnecttest.WithCredentials(testAK, testSK))
	srv := f.Server()
	defer srv.Close()
	c, err := smartconnect.NewClient(srv.URL, smartconnect.WithAKSK(testAK, testSK))
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	const workers, each = 8, 10
	var wg sync.WaitGroup
	errs := make(chan error, workers*each*3)
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for range each {
				e, err := c.CreateConnectorTask(ctx, smartconnect.CreateConnectorTaskParams{ProjectID: project, InstanceID: instance}, redisTask(false))
				if err != nil {
					errs <- err
					continue
				}
				errs <- c.PauseConnectorTask(ctx, smartconnect.PauseConnectorTaskParams{ProjectID: project, InstanceID: instance, TaskID: *e.ID})
				_, err = c.ListConnectorTasks(ctx, smartconnect.ListConnectorTasksParams{ProjectID: project, InstanceID: instance, Limit: smartconnect.Ptr[int32](50)})
				errs <- err
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			t.Fatal(err)
		}
	}
	list, err := c.ListConnectorTasks(ctx, smartconnect.ListConnectorTasksParams{ProjectID: project, InstanceID: instance})
	if err != nil || *list.TotalNumber != workers*each {
		t.Fatalf("got %v tasks (%v), want %d", list, err, workers*each)
	}
	if n := len(f.Requests()); n != workers*each*3+1 {
		t.Errorf("%d requests recorded, want %d", n, workers*each*3+1)
	}
}
