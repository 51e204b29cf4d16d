package smartconnect_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"regexp"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/dmsgen/dmsgen/generated/smartconnect"
	"github.com/dmsgen/dmsgen/generated/smartconnect/smartconnecttest"
)

// The project, instance, task and credentials the client tests use.
const (
	ctProject  = "proj-1"
	ctInstance = "inst-1"
	ctTask     = "8a205bbd-7181-4b5e-9bd6-37274ce84577"
	ctAK       = "test-ak"
	ctSK       = "test-sk-0123456789"
	ctSTS      = "sts-token-abc"
	ctIAM      = "iam-token-xyz"
	ctAgent    = "sc-app/1.0"
)

// ctFastRetry retries quickly, so that retry tests take milliseconds.
var ctFastRetry = smartconnect.WithRetry(smartconnect.RetryPolicy{BaseDelay: time.Millisecond, MaxDelay: 2 * time.Millisecond})

// ctKafkaTask is the page's Kafka replication example.
func ctKafkaTask() *smartconnect.CreateConnectorTaskRequest {
	return &smartconnect.CreateConnectorTaskRequest{
		TaskName:   smartconnect.Ptr("smart-connect-2"),
		StartLater: smartconnect.Ptr(true),
		SourceType: smartconnect.Ptr(smartconnect.SourceTypeKafkaReplicatorSource),
		SourceTask: &smartconnect.SmartConnectTaskReqSourceConfig{
			CurrentClusterName:         smartconnect.Ptr("A"),
			ClusterName:                smartconnect.Ptr("B"),
			UserName:                   smartconnect.Ptr("user1"),
			Password:                   smartconnect.NewSecret("kafka-password-1"),
			SASLMechanism:              smartconnect.Ptr("SCRAM-SHA-512"),
			InstanceID:                 smartconnect.Ptr("b54c9dd8-********-********"),
			Direction:                  smartconnect.Ptr(smartconnect.DirectionTwoWay),
			SyncConsumerOffsetsEnabled: smartconnect.Ptr(false),
			ReplicationFactor:          smartconnect.Ptr[int32](3),
			TaskNum:                    smartconnect.Ptr[int32](2),
			RenameTopicEnabled:         smartconnect.Ptr(false),
			ProvenanceHeaderEnabled:    smartconnect.Ptr(true),
			ConsumerStrategy:           smartconnect.Ptr(smartconnect.ConsumerStrategyLatest),
			CompressionType:            smartconnect.Ptr(smartconnect.CompressionTypeSnappy),
			TopicsMapping:              smartconnect.Ptr("topic-sc-1:topic-sc-3,topic-sc-2:topic-sc-4"),
		},
	}
}

// ctRedisTask is the page's Redis replication example.
func ctRedisTask() *smartconnect.CreateConnectorTaskRequest {
	return &smartconnect.CreateConnectorTaskRequest{
		TaskName:   smartconnect.Ptr("smart-connect-3"),
		StartLater: smartconnect.Ptr(false),
		Topics:     smartconnect.Ptr("topic-sc-3"),
		SourceType: smartconnect.Ptr(smartconnect.SourceTypeRedisReplicatorSource),
		SourceTask: &smartconnect.SmartConnectTaskReqSourceConfig{
			RedisAddress:     smartconnect.Ptr("192.168.99.249:6379,192.168.120.127:6379,192.168.116.219:6379"),
			RedisType:        smartconnect.Ptr("cluster"),
			RedisPassword:    smartconnect.NewSecret("redis-password-1"),
			SyncMode:         smartconnect.Ptr(smartconnect.SyncModeRDBOnly),
			FullSyncWaitMS:   smartconnect.Ptr[int32](10000),
			FullSyncMaxRetry: smartconnect.Ptr[int32](10),
			Ratelimit:        smartconnect.Ptr[int32](10),
		},
		SinkType: smartconnect.Ptr(smartconnect.SinkTypeRedisReplicatorSink),
		SinkTask: &smartconnect.SmartConnectTaskReqSinkConfig{
			RedisAddress:  smartconnect.Ptr("192.168.119.51:6379"),
			RedisType:     smartconnect.Ptr("standalone"),
			RedisPassword: smartconnect.NewSecret("redis-password-2"),
		},
	}
}

// ctOBSTask is the page's OBS dump example.
func ctOBSTask() *smartconnect.CreateConnectorTaskRequest {
	return &smartconnect.CreateConnectorTaskRequest{
		TaskName:    smartconnect.Ptr("smart-connect-1"),
		StartLater:  smartconnect.Ptr(false),
		SourceType:  smartconnect.Ptr(smartconnect.SourceTypeNone),
		TopicsRegex: smartconnect.Ptr("topic-obs*"),
		SinkType:    smartconnect.Ptr(smartconnect.SinkTypeOBSSink),
		SinkTask: &smartconnect.SmartConnectTaskReqSinkConfig{
			ConsumerStrategy:    smartconnect.Ptr(smartconnect.ConsumerStrategyEarliest),
			DestinationFileType: smartconnect.Ptr(smartconnect.DestinationFileTypeText),
			DeliverTimeInterval: smartconnect.Ptr[int32](300),
			AccessKey:           smartconnect.NewSecret("obs-access-key-1"),
			SecretKey:           smartconnect.NewSecret("obs-secret-key-1"),
			OBSBucketName:       smartconnect.Ptr("obs_bucket"),
			OBSPath:             smartconnect.Ptr("obsTransfer-1810125534"),
			PartitionFormat:     smartconnect.Ptr(smartconnect.PartitionFormatMinute),
			RecordDelimiter:     smartconnect.Ptr(smartconnect.RecordDelimiterNewline),
			StoreKeys:           smartconnect.Ptr(false),
		},
	}
}

// ctSecrets are the secret values of the requests above, which no
// response may hold.
var ctSecrets = []string{"kafka-password-1", "redis-password-1", "redis-password-2", "obs-access-key-1", "obs-secret-key-1"}

// ctNewClient returns a Client of baseURL with opts, failing the test on
// an error.
func ctNewClient(t *testing.T, baseURL string, opts ...smartconnect.Option) *smartconnect.Client {
	t.Helper()
	c, err := smartconnect.NewClient(baseURL, opts...)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// ctAPIError returns err as an *APIError, failing the test when it is not
// one with status and code ("" for any code).
func ctAPIError(t *testing.T, what string, err error, status int, code string) *smartconnect.APIError {
	t.Helper()
	var ae *smartconnect.APIError
	if !errors.As(err, &ae) {
		t.Fatalf("%s: got %v, want an *APIError %d", what, err, status)
	}
	if ae.StatusCode != status || code != "" && ae.Code != code {
		t.Fatalf("%s: got %d %q (%s), want %d %q", what, ae.StatusCode, ae.Code, ae.Message, status, code)
	}
	return ae
}

// ctEncode returns the encoding of an entity, for comparisons.
func ctEncode(t *testing.T, e *smartconnect.SmartConnectTaskEntity) string {
	t.Helper()
	b, err := smartconnect.EncodeSmartConnectTaskEntity(e)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// TestClientEndToEnd runs every operation through the Client against the
// fake, which checks signatures and the project header: enable, create,
// list with paging, show, pause, resume, restart, delete, disable.
func TestClientEndToEnd(t *testing.T) {
	created := time.Date(2024, 2, 20, 11, 15, 53, 133e6, time.UTC)
	f := smartconnecttest.New(
		smartconnecttest.WithCredentials(ctAK, ctSK),
		smartconnecttest.WithProjectCheck(),
		smartconnecttest.WithClock(func() time.Time { return created }),
		smartconnecttest.WithTaskLimits(20, 30),
	)
	srv := f.Server()
	defer srv.Close()
	c := ctNewClient(t, srv.URL, smartconnect.WithAKSK(ctAK, ctSK), smartconnect.WithHTTPClient(srv.Client()))
	ctx := context.Background()
	createP := smartconnect.CreateConnectorTaskParams{ProjectID: ctProject, InstanceID: ctInstance}

	_, err := c.CreateConnectorTask(ctx, createP, ctRedisTask())
	ctAPIError(t, "create before enabling", err, 400, smartconnecttest.CodeStatus)

	on, err := c.CreateConnector(ctx, smartconnect.CreateConnectorParams{ProjectID: ctProject, InstanceID: ctInstance}, &smartconnect.CreateConnectorRequest{NodeCnt: smartconnect.Ptr[int32](2)})
	if err != nil {
		t.Fatal(err)
	}
	if on.JobID == nil || on.ConnectorID == nil || !f.Enabled(ctInstance) {
		t.Fatalf("CreateConnector: %v", on)
	}

	var tasks []*smartconnect.SmartConnectTaskEntity
	for _, req := range []*smartconnect.CreateConnectorTaskRequest{ctRedisTask(), ctKafkaTask(), ctOBSTask()} {
		e, err := c.CreateConnectorTask(ctx, createP, req)
		if err != nil {
			t.Fatal(err)
		}
		if e.ID == nil || len(*e.ID) != 36 || *e.TaskName != *req.TaskName || *e.CreateTime != created.UnixMilli() {
			t.Errorf("created %v from %v", e, req)
		}
		wantStatus := smartconnecttest.StatusRunning
		if *req.StartLater {
			wantStatus = smartconnecttest.StatusWaiting
		}
		if *e.Status != wantStatus {
			t.Errorf("%s: status %s, want %s", *e.TaskName, *e.Status, wantStatus)
		}
		s := ctEncode(t, e)
		for _, secret := range ctSecrets {
			if strings.Contains(s, secret) {
				t.Errorf("the created task shows a secret: %s", s)
			}
		}
		tasks = append(tasks, e)
	}
	redis, kafka, obs := *tasks[0].ID, *tasks[1].ID, *tasks[2].ID
	if src := tasks[1].SourceTask.Value; *src.ClusterName != "B" || *src.Direction != smartconnect.DirectionTwoWay || *src.TopicsMapping != "topic-sc-1:topic-sc-3,topic-sc-2:topic-sc-4" {
		t.Errorf("Kafka source: %v", src)
	}

	// Paging: two tasks a page.
	var seen []string
	for offset := int32(0); ; offset += 2 {
		page, err := c.ListConnectorTasks(ctx, smartconnect.ListConnectorTasksParams{ProjectID: ctProject, InstanceID: ctInstance, Offset: smartconnect.Ptr(offset), Limit: smartconnect.Ptr[int32](2)})
		if err != nil {
			t.Fatal(err)
		}
		if *page.TotalNumber != 3 || *page.MaxTasks != 20 || *page.QuotaTasks != 30 {
			t.Errorf("counts: %d %d %d", *page.TotalNumber, *page.MaxTasks, *page.QuotaTasks)
		}
		if len(page.Tasks) > 2 {
			t.Fatalf("a page of %d tasks, limit 2", len(page.Tasks))
		}
		for i := range page.Tasks {
			seen = append(seen, *page.Tasks[i].ID)
			if got, want := ctEncode(t, &page.Tasks[i]), ctEncode(t, tasks[len(seen)-1]); got != want {
				t.Errorf("listed %s, created %s", got, want)
			}
		}
		if len(page.Tasks) < 2 {
			break
		}
	}
	if want := []string{redis, kafka, obs}; !slices.Equal(seen, want) {
		t.Errorf("paged through %v, want %v", seen, want)
	}
	all, err := c.ListConnectorTasks(ctx, smartconnect.ListConnectorTasksParams{ProjectID: ctProject, InstanceID: ctInstance})
	if err != nil || len(all.Tasks) != 3 {
		t.Fatalf("list without paging: %v, %v", all, err)
	}

	show := func(id string) *smartconnect.SmartConnectTaskEntity {
		t.Helper()
		e, err := c.ShowConnectorTask(ctx, smartconnect.ShowConnectorTaskParams{ProjectID: ctProject, InstanceID: ctInstance, TaskID: id})
		if err != nil {
			t.Fatal(err)
		}
		return e
	}
	for _, e := range tasks {
		if got, want := ctEncode(t, show(*e.ID)), ctEncode(t, e); got != want {
			t.Errorf("show %s, created %s", got, want)
		}
	}

	pause := smartconnect.PauseConnectorTaskParams{ProjectID: ctProject, InstanceID: ctInstance, TaskID: redis}
	resume := smartconnect.ResumeConnectorTaskParams{ProjectID: ctProject, InstanceID: ctInstance, TaskID: redis}
	if err := c.PauseConnectorTask(ctx, pause); err != nil || *show(redis).Status != smartconnecttest.StatusPaused {
		t.Fatalf("pause: %v", err)
	}
	ctAPIError(t, "pause paused", c.PauseConnectorTask(ctx, pause), 400, smartconnecttest.CodeStatus)
	if err := c.ResumeConnectorTask(ctx, resume); err != nil || *show(redis).Status != smartconnecttest.StatusRunning {
		t.Fatalf("resume: %v", err)
	}
	ctAPIError(t, "resume running", c.ResumeConnectorTask(ctx, resume), 400, smartconnecttest.CodeStatus)
	ctAPIError(t, "resume waiting", c.ResumeConnectorTask(ctx, smartconnect.ResumeConnectorTaskParams{ProjectID: ctProject, InstanceID: ctInstance, TaskID: kafka}), 400, smartconnecttest.CodeStatus)
	if err := c.RestartConnectorTask(ctx, smartconnect.RestartConnectorTaskParams{ProjectID: ctProject, InstanceID: ctInstance, TaskID: kafka}); err != nil || *show(kafka).Status != smartconnecttest.StatusRunning {
		t.Fatalf("restart waiting: %v", err)
	}

	del := smartconnect.DeleteConnectorTaskParams{ProjectID: ctProject, InstanceID: ctInstance, TaskID: obs}
	if err := c.DeleteConnectorTask(ctx, del); err != nil {
		t.Fatal(err)
	}
	ctAPIError(t, "delete deleted", c.DeleteConnectorTask(ctx, del), 404, smartconnecttest.CodeNotFound)
	_, err = c.ShowConnectorTask(ctx, smartconnect.ShowConnectorTaskParams{ProjectID: ctProject, InstanceID: ctInstance, TaskID: obs})
	ae := ctAPIError(t, "show deleted", err, 404, smartconnecttest.CodeNotFound)
	if ae.RequestID == "" || ae.Message == "" {
		t.Errorf("the fake's error lacks a request id or message: %+v", ae)
	}

	off, err := c.DeleteConnector(ctx, smartconnect.DeleteConnectorParams{ProjectID: ctProject, InstanceID: ctInstance})
	if err != nil || off.JobID == nil || f.Enabled(ctInstance) {
		t.Fatalf("DeleteConnector: %v, %v", off, err)
	}
	_, err = c.ListConnectorTasks(ctx, smartconnect.ListConnectorTasksParams{ProjectID: ctProject, InstanceID: ctInstance})
	ctAPIError(t, "list after disabling", err, 400, smartconnecttest.CodeStatus)

	// Every operation reached the fake, signed, with the project header.
	ops := map[string]bool{}
	for _, r := range f.Requests() {
		ops[r.Operation] = true
		if r.Header.Get("Authorization") != "[REDACTED]" || r.Header.Get("X-Project-Id") != ctProject || r.Status == 401 {
			t.Errorf("%s %s: %d, headers %v", r.Method, r.Path, r.Status, r.Header)
		}
	}
	for _, op := range smartconnect.Operations() {
		if !ops[op.ID] {
			t.Errorf("%s was not sent", op.ID)
		}
	}
}

// ctSeen is a request as a test server received it.
type ctSeen struct {
	method, path, query string
	header              http.Header
	body                []byte
	verify              error // smartconnecttest.VerifySignature with ctAK, ctSK
}

// ctServer is a test server that records the requests it receives and
// answers them with respond.
type ctServer struct {
	*httptest.Server
	mu   sync.Mutex
	seen []ctSeen
}

// newCtServer starts a ctServer; respond gets the request's number, from
// 1. The server is closed when the test ends.
func newCtServer(t *testing.T, respond func(n int, w http.ResponseWriter, r *http.Request)) *ctServer {
	s := &ctServer{}
	s.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		seen := ctSeen{method: r.Method, path: r.URL.EscapedPath(), query: r.URL.RawQuery, header: r.Header.Clone(), body: body}
		if r.Header.Get("Authorization") != "" {
			seen.verify = smartconnecttest.VerifySignature(r, body, ctAK, ctSK)
		}
		s.mu.Lock()
		s.seen = append(s.seen, seen)
		n := len(s.seen)
		s.mu.Unlock()
		respond(n, w, r)
	}))
	t.Cleanup(s.Close)
	return s
}

// requests returns the requests received so far.
func (s *ctServer) requests() []ctSeen {
	s.mu.Lock()
	defer s.mu.Unlock()
	return slices.Clone(s.seen)
}

// ctReply answers with status and a JSON body ("" for none).
func ctReply(w http.ResponseWriter, status int, body string) {
	if body != "" {
		w.Header().Set("Content-Type", "application/json")
	}
	w.WriteHeader(status)
	_, _ = io.WriteString(w, body)
}

// The page's response examples, which the wire tests answer with.
const (
	ctCreateConnectorResponse = `{"job_id":"7c3ec20c-11de-4df9-acc0-7ef1dea25dfe","connector_id":"55b78880-9077-4c74-ad5a-6868555f76a4"}`
	ctTaskResponse            = `{"task_name":"smart-connect-121248117","topics":"topic-sc","source_task":{"redis_address":"192.168.91.179:6379","redis_type":"standalone","dcs_instance_id":"949190a2-598a-4afd-99a8-dad3cae1e7cd","sync_mode":"RDB_ONLY,","full_sync_wait_ms":13000,"full_sync_max_retry":4,"ratelimit":-1},"source_type":"REDIS_REPLICATOR_SOURCE","sink_task":{"redis_address":"192.168.119.51:6379","redis_type":"standalone","dcs_instance_id":"9b981368-a8e3-416a-87d9-1581a968b41b","target_db":-1},"sink_type":"REDIS_REPLICATOR_SINK","id":"8a205bbd-7181-4b5e-9bd6-37274ce84577","status":"RUNNING","create_time":1708427753133}`
	ctListResponse            = `{"tasks":[{"task_name":"smart-connect-1","topics_regex":"topic-obs*","source_task":null,"source_type":"NONE","sink_type":"OBS_SINK","id":"3c0ac4d1-****-****-****-********","status":"RUNNING","create_time":1708565483911}],"total_number":3,"max_tasks":18,"quota_tasks":18}`
	ctDeleteConnectorResponse = `{"job_id":"d366178c-29ea-4d5c-a344-fa2ece4a1836"}`
)

// ctWireOp is one operation as the wire test sends it and what the server
// must see.
type ctWireOp struct {
	name                string
	method, path, query string
	body                []byte // what the Encode function gives; nil for none
	status              int
	response            string
	call                func(ctx context.Context, c *smartconnect.Client) error
}

// ctWireOps returns the nine operations, each with the request the server
// must receive and the page's response.
func ctWireOps(t *testing.T) []ctWireOp {
	enable := &smartconnect.CreateConnectorRequest{Specification: smartconnect.Ptr("100MB"), NodeCnt: smartconnect.Ptr[int32](2), SpecCode: smartconnect.Ptr("kafka.c3.mini.connector")}
	enableBody, err := smartconnect.EncodeCreateConnectorRequest(enable)
	if err != nil {
		t.Fatal(err)
	}
	task := ctKafkaTask()
	taskBody, err := smartconnect.EncodeCreateConnectorTaskRequest(task)
	if err != nil {
		t.Fatal(err)
	}
	base := "/v2/" + ctProject + "/instances/" + ctInstance
	taskPath := base + "/connector/tasks/" + ctTask
	checkTask := func(e *smartconnect.SmartConnectTaskEntity, err error) error {
		if err == nil && (e.ID == nil || *e.ID != ctTask || *e.SourceTask.Value.SyncMode != "RDB_ONLY,") {
			return errors.New("the task did not decode as sent")
		}
		return err
	}
	return []ctWireOp{
		{"CreateConnector", "POST", base + "/connector", "", enableBody, 200, ctCreateConnectorResponse, func(ctx context.Context, c *smartconnect.Client) error {
			out, err := c.CreateConnector(ctx, smartconnect.CreateConnectorParams{ProjectID: ctProject, InstanceID: ctInstance}, enable)
			if err == nil && (*out.JobID != "7c3ec20c-11de-4df9-acc0-7ef1dea25dfe" || *out.ConnectorID != "55b78880-9077-4c74-ad5a-6868555f76a4") {
				return errors.New("the response did not decode as sent")
			}
			return err
		}},
		{"ListConnectorTasks", "GET", base + "/connector/tasks", "limit=5&offset=10", nil, 200, ctListResponse, func(ctx context.Context, c *smartconnect.Client) error {
			out, err := c.ListConnectorTasks(ctx, smartconnect.ListConnectorTasksParams{ProjectID: ctProject, InstanceID: ctInstance, Offset: smartconnect.Ptr[int32](10), Limit: smartconnect.Ptr[int32](5)})
			if err == nil && (*out.TotalNumber != 3 || len(out.Tasks) != 1 || !out.Tasks[0].SourceTask.Null) {
				return errors.New("the response did not decode as sent")
			}
			return err
		}},
		{"CreateConnectorTask", "POST", base + "/connector/tasks", "", taskBody, 200, ctTaskResponse, func(ctx context.Context, c *smartconnect.Client) error {
			return checkTask(c.CreateConnectorTask(ctx, smartconnect.CreateConnectorTaskParams{ProjectID: ctProject, InstanceID: ctInstance}, task))
		}},
		{"DeleteConnectorTask", "DELETE", taskPath, "", nil, 204, "", func(ctx context.Context, c *smartconnect.Client) error {
			return c.DeleteConnectorTask(ctx, smartconnect.DeleteConnectorTaskParams{ProjectID: ctProject, InstanceID: ctInstance, TaskID: ctTask})
		}},
		{"ShowConnectorTask", "GET", taskPath, "", nil, 200, ctTaskResponse, func(ctx context.Context, c *smartconnect.Client) error {
			return checkTask(c.ShowConnectorTask(ctx, smartconnect.ShowConnectorTaskParams{ProjectID: ctProject, InstanceID: ctInstance, TaskID: ctTask}))
		}},
		{"PauseConnectorTask", "PUT", taskPath + "/pause", "", nil, 204, "", func(ctx context.Context, c *smartconnect.Client) error {
			return c.PauseConnectorTask(ctx, smartconnect.PauseConnectorTaskParams{ProjectID: ctProject, InstanceID: ctInstance, TaskID: ctTask})
		}},
		{"ResumeConnectorTask", "PUT", taskPath + "/resume", "", nil, 204, "", func(ctx context.Context, c *smartconnect.Client) error {
			return c.ResumeConnectorTask(ctx, smartconnect.ResumeConnectorTaskParams{ProjectID: ctProject, InstanceID: ctInstance, TaskID: ctTask})
		}},
		{"RestartConnectorTask", "PUT", "/v2/" + ctProject + "/kafka/instances/" + ctInstance + "/connector/tasks/" + ctTask + "/restart", "", nil, 204, "", func(ctx context.Context, c *smartconnect.Client) error {
			return c.RestartConnectorTask(ctx, smartconnect.RestartConnectorTaskParams{ProjectID: ctProject, InstanceID: ctInstance, TaskID: ctTask})
		}},
		{"DeleteConnector", "POST", "/v2/" + ctProject + "/kafka/instances/" + ctInstance + "/delete-connector", "", nil, 200, ctDeleteConnectorResponse, func(ctx context.Context, c *smartconnect.Client) error {
			out, err := c.DeleteConnector(ctx, smartconnect.DeleteConnectorParams{ProjectID: ctProject, InstanceID: ctInstance})
			if err == nil && *out.JobID != "d366178c-29ea-4d5c-a344-fa2ece4a1836" {
				return errors.New("the response did not decode as sent")
			}
			return err
		}},
	}
}

var (
	ctDatePattern = regexp.MustCompile(`^\d{8}T\d{6}Z$`)
	ctAuthPattern = regexp.MustCompile(`^SDK-HMAC-SHA256 Access=` + ctAK + `, SignedHeaders=([a-z0-9-]+(?:;[a-z0-9-]+)*), Signature=[0-9a-f]{64}$`)
)

// TestClientWire sends every operation to a plain server, with each way of
// authenticating, and checks the method, path, query, headers and body the
// server receives.
func TestClientWire(t *testing.T) {
	ops := ctWireOps(t)
	if len(ops) != len(smartconnect.Operations()) {
		t.Fatalf("%d operations tested, the package has %d", len(ops), len(smartconnect.Operations()))
	}
	for _, auth := range []struct {
		name string
		opts []smartconnect.Option
	}{
		{"none", nil},
		{"aksk", []smartconnect.Option{smartconnect.WithAKSK(ctAK, ctSK), smartconnect.WithUserAgent(ctAgent)}},
		{"aksk+sts", []smartconnect.Option{smartconnect.WithAKSK(ctAK, ctSK), smartconnect.WithSecurityToken(ctSTS), smartconnect.WithUserAgent(ctAgent)}},
		{"token", []smartconnect.Option{smartconnect.WithToken(ctIAM), smartconnect.WithUserAgent(ctAgent)}},
	} {
		for _, op := range ops {
			t.Run(auth.name+"/"+op.name, func(t *testing.T) {
				srv := newCtServer(t, func(_ int, w http.ResponseWriter, _ *http.Request) { ctReply(w, op.status, op.response) })
				c := ctNewClient(t, srv.URL, auth.opts...)
				before := time.Now().UTC().Add(-time.Second)
				if err := op.call(context.Background(), c); err != nil {
					t.Fatal(err)
				}
				after := time.Now().UTC().Add(time.Second)
				got := srv.requests()
				if len(got) != 1 {
					t.Fatalf("the server received %d requests, want 1", len(got))
				}
				r := got[0]
				if r.method != op.method || r.path != op.path || r.query != op.query {
					t.Errorf("got %s %s?%s, want %s %s?%s", r.method, r.path, r.query, op.method, op.path, op.query)
				}
				if !bytes.Equal(r.body, op.body) && !(len(r.body) == 0 && op.body == nil) {
					t.Errorf("body:\n got %s\nwant %s", r.body, op.body)
				}
				h := r.header
				wantCT := ""
				if op.body != nil {
					wantCT = "application/json"
				}
				if got := h.Get("Content-Type"); got != wantCT {
					t.Errorf("Content-Type %q, want %q", got, wantCT)
				}
				if got := h.Get("X-Project-Id"); got != ctProject {
					t.Errorf("X-Project-Id %q", got)
				}
				if got := h.Get("Accept"); got != "application/json" {
					t.Errorf("Accept %q", got)
				}
				wantAgent := ctAgent
				if auth.name == "none" {
					wantAgent = "dmsgen-client"
				}
				if got := h.Get("User-Agent"); got != wantAgent {
					t.Errorf("User-Agent %q, want %q", got, wantAgent)
				}
				signed := strings.HasPrefix(auth.name, "aksk")
				if got := h.Get("X-Auth-Token"); (auth.name == "token") != (got == ctIAM) || auth.name != "token" && got != "" {
					t.Errorf("X-Auth-Token %q", got)
				}
				if got := h.Get("X-Security-Token"); (auth.name == "aksk+sts") != (got == ctSTS) || auth.name != "aksk+sts" && got != "" {
					t.Errorf("X-Security-Token %q", got)
				}
				if !signed {
					if h.Get("Authorization") != "" || h.Get("X-Sdk-Date") != "" {
						t.Errorf("an unsigned request has Authorization %q, X-Sdk-Date %q", h.Get("Authorization"), h.Get("X-Sdk-Date"))
					}
					return
				}
				date := h.Get("X-Sdk-Date")
				at, err := time.Parse("20060102T150405Z", date)
				if !ctDatePattern.MatchString(date) || err != nil || at.Before(before.Truncate(time.Second)) || at.After(after) {
					t.Errorf("X-Sdk-Date %q is not the time of sending", date)
				}
				m := ctAuthPattern.FindStringSubmatch(h.Get("Authorization"))
				if m == nil {
					t.Fatalf("Authorization %q is not SDK-HMAC-SHA256 with the access key", h.Get("Authorization"))
				}
				names := strings.Split(m[1], ";")
				for _, want := range []string{"accept", "user-agent", "x-project-id", "x-sdk-date"} {
					if !slices.Contains(names, want) {
						t.Errorf("%s is not signed (SignedHeaders %s)", want, m[1])
					}
				}
				if slices.Contains(names, "x-security-token") != (auth.name == "aksk+sts") || slices.Contains(names, "content-type") {
					t.Errorf("SignedHeaders %s", m[1])
				}
				if !slices.IsSorted(names) {
					t.Errorf("SignedHeaders %s is not sorted", m[1])
				}
				if r.verify != nil {
					t.Errorf("the signature does not verify: %v", r.verify)
				}
			})
		}
	}
}

// TestClientEscapesPath checks that path parameters are escaped as one
// segment each, and signed as the server receives them.
func TestClientEscapesPath(t *testing.T) {
	srv := newCtServer(t, func(_ int, w http.ResponseWriter, _ *http.Request) { ctReply(w, 200, ctTaskResponse) })
	c := ctNewClient(t, srv.URL+"/prefix/", smartconnect.WithAKSK(ctAK, ctSK))
	_, err := c.ShowConnectorTask(context.Background(), smartconnect.ShowConnectorTaskParams{ProjectID: "p 1", InstanceID: "i+?#", TaskID: "t%1"})
	if err != nil {
		t.Fatal(err)
	}
	r := srv.requests()[0]
	if want := "/prefix/v2/p%201/instances/i+%3F%23/connector/tasks/t%251"; r.path != want || r.query != "" {
		t.Errorf("path %s?%s, want %s", r.path, r.query, want)
	}
	if r.verify != nil {
		t.Errorf("the signature does not verify: %v", r.verify)
	}
}

// TestClientValidationSendsNothing checks that a request that breaks the
// schema is a *ValidationError and reaches no server.
func TestClientValidationSendsNothing(t *testing.T) {
	srv := newCtServer(t, func(_ int, w http.ResponseWriter, _ *http.Request) { ctReply(w, 500, "") })
	c := ctNewClient(t, srv.URL, smartconnect.WithAKSK(ctAK, ctSK))
	ctx := context.Background()
	noPassword := ctRedisTask()
	noPassword.SourceTask.RedisPassword = smartconnect.Secret{}
	both := ctKafkaTask()
	both.SourceTask.BootstrapServers = smartconnect.Ptr("10.0.0.1:9092")
	for _, c := range []struct {
		name, path string
		call       func() error
	}{
		{"empty project", "/project_id", func() error {
			_, err := c.CreateConnectorTask(ctx, smartconnect.CreateConnectorTaskParams{InstanceID: ctInstance}, ctRedisTask())
			return err
		}},
		{"nil body", "", func() error {
			_, err := c.CreateConnectorTask(ctx, smartconnect.CreateConnectorTaskParams{ProjectID: ctProject, InstanceID: ctInstance}, nil)
			return err
		}},
		{"missing redis_password", "/source_task/redis_password", func() error {
			_, err := c.CreateConnectorTask(ctx, smartconnect.CreateConnectorTaskParams{ProjectID: ctProject, InstanceID: ctInstance}, noPassword)
			return err
		}},
		{"instance_id and bootstrap_servers", "/source_task", func() error {
			_, err := c.CreateConnectorTask(ctx, smartconnect.CreateConnectorTaskParams{ProjectID: ctProject, InstanceID: ctInstance}, both)
			return err
		}},
		{"node_cnt 1", "/node_cnt", func() error {
			_, err := c.CreateConnector(ctx, smartconnect.CreateConnectorParams{ProjectID: ctProject, InstanceID: ctInstance}, &smartconnect.CreateConnectorRequest{NodeCnt: smartconnect.Ptr[int32](1)})
			return err
		}},
		{"limit 0", "/limit", func() error {
			_, err := c.ListConnectorTasks(ctx, smartconnect.ListConnectorTasksParams{ProjectID: ctProject, InstanceID: ctInstance, Limit: smartconnect.Ptr[int32](0)})
			return err
		}},
		{"limit 51", "/limit", func() error {
			_, err := c.ListConnectorTasks(ctx, smartconnect.ListConnectorTasksParams{ProjectID: ctProject, InstanceID: ctInstance, Limit: smartconnect.Ptr[int32](51)})
			return err
		}},
		{"offset -1", "/offset", func() error {
			_, err := c.ListConnectorTasks(ctx, smartconnect.ListConnectorTasksParams{ProjectID: ctProject, InstanceID: ctInstance, Offset: smartconnect.Ptr[int32](-1)})
			return err
		}},
		{"task ..", "/task_id", func() error {
			_, err := c.ShowConnectorTask(ctx, smartconnect.ShowConnectorTaskParams{ProjectID: ctProject, InstanceID: ctInstance, TaskID: ".."})
			return err
		}},
		{"empty task", "/task_id", func() error {
			return c.PauseConnectorTask(ctx, smartconnect.PauseConnectorTaskParams{ProjectID: ctProject, InstanceID: ctInstance})
		}},
		{"instance .", "/instance_id", func() error {
			_, err := c.DeleteConnector(ctx, smartconnect.DeleteConnectorParams{ProjectID: ctProject, InstanceID: "."})
			return err
		}},
		{"resume empty instance", "/instance_id", func() error {
			return c.ResumeConnectorTask(ctx, smartconnect.ResumeConnectorTaskParams{ProjectID: ctProject, TaskID: ctTask})
		}},
		{"restart empty project", "/project_id", func() error {
			return c.RestartConnectorTask(ctx, smartconnect.RestartConnectorTaskParams{InstanceID: ctInstance, TaskID: ctTask})
		}},
		{"delete task ..", "/task_id", func() error {
			return c.DeleteConnectorTask(ctx, smartconnect.DeleteConnectorTaskParams{ProjectID: ctProject, InstanceID: ctInstance, TaskID: ".."})
		}},
	} {
		err := c.call()
		var ve *smartconnect.ValidationError
		if !errors.As(err, &ve) {
			t.Errorf("%s: got %v, want a *ValidationError", c.name, err)
			continue
		}
		if !slices.ContainsFunc(ve.Violations, func(v smartconnect.Violation) bool { return v.Path == c.path }) {
			t.Errorf("%s: violations %v, want one at %q", c.name, ve.Violations, c.path)
		}
		for _, secret := range ctSecrets {
			if strings.Contains(err.Error(), secret) {
				t.Errorf("%s: the error shows a secret: %v", c.name, err)
			}
		}
	}
	if n := len(srv.requests()); n != 0 {
		t.Errorf("the server received %d requests", n)
	}
}

// TestClientAPIError checks the *APIError of error responses: the
// service's body, other bodies, and statuses that are not the operation's.
func TestClientAPIError(t *testing.T) {
	for _, c := range []struct {
		name        string
		status      int
		contentType string
		requestID   string
		body        string
		want        smartconnect.APIError
		text        string
	}{
		{"service body", 400, "application/json", "req-1", `{"error_code":"DMS.00400062","error_msg":"Invalid request parameter."}`,
			smartconnect.APIError{StatusCode: 400, Code: "DMS.00400062", Message: "Invalid request parameter.", RequestID: "req-1"},
			"400 Bad Request: DMS.00400062: Invalid request parameter. (request id req-1)"},
		{"request id in the body", 404, "application/json", "", `{"error_code":"DMS.00404022","error_msg":"This instance does not exist.","request_id":"body-id"}`,
			smartconnect.APIError{StatusCode: 404, Code: "DMS.00404022", Message: "This instance does not exist.", RequestID: "body-id"},
			"404 Not Found: DMS.00404022: This instance does not exist. (request id body-id)"},
		{"gateway form", 401, "application/json", "", `{"code":"APIGW.0301","message":"Incorrect IAM authentication information"}`,
			smartconnect.APIError{StatusCode: 401, Code: "APIGW.0301", Message: "Incorrect IAM authentication information"},
			"401 Unauthorized: APIGW.0301: Incorrect IAM authentication information"},
		{"html", 500, "text/html", "", `<html><body><h1>500 Internal Server Error</h1></body></html>`,
			smartconnect.APIError{StatusCode: 500},
			"500 Internal Server Error"},
		{"plain text", 500, "text/plain; charset=utf-8", "", "backend exploded\ngoroutine 1 [running]:",
			smartconnect.APIError{StatusCode: 500, Message: "backend exploded"},
			"500 Internal Server Error: backend exploded"},
		{"truncated JSON", 400, "application/json", "", `{"error_code":"DMS.00400004","error_msg":"The request body is empty.","det`,
			smartconnect.APIError{StatusCode: 400, Code: "DMS.00400004", Message: "The request body is empty."},
			"400 Bad Request: DMS.00400004: The request body is empty."},
		{"no body", 403, "", "", "",
			smartconnect.APIError{StatusCode: 403},
			"403 Forbidden"},
	} {
		t.Run(c.name, func(t *testing.T) {
			srv := newCtServer(t, func(_ int, w http.ResponseWriter, _ *http.Request) {
				if c.contentType != "" {
					w.Header().Set("Content-Type", c.contentType)
				}
				if c.requestID != "" {
					w.Header().Set("X-Request-Id", c.requestID)
				}
				w.WriteHeader(c.status)
				_, _ = io.WriteString(w, c.body)
			})
			cl := ctNewClient(t, srv.URL, smartconnect.WithRetry(smartconnect.RetryPolicy{MaxAttempts: 1}))
			_, err := cl.ShowConnectorTask(context.Background(), smartconnect.ShowConnectorTaskParams{ProjectID: ctProject, InstanceID: ctInstance, TaskID: ctTask})
			ae := ctAPIError(t, c.name, err, c.status, c.want.Code)
			if *ae != c.want {
				t.Errorf("got %+v, want %+v", *ae, c.want)
			}
			if err.Error() != c.text {
				t.Errorf("Error() = %q, want %q", err.Error(), c.text)
			}
		})
	}
}

// TestClientUnexpectedStatus checks that a status other than the
// operation's documented success status is an *APIError, a redirect
// included, which is not followed.
func TestClientUnexpectedStatus(t *testing.T) {
	srv := newCtServer(t, func(n int, w http.ResponseWriter, r *http.Request) {
		switch r.Method {
		case "PUT":
			ctReply(w, 200, `{}`) // the page says 204
		default:
			http.Redirect(w, r, "/elsewhere", http.StatusFound)
		}
	})
	c := ctNewClient(t, srv.URL)
	err := c.PauseConnectorTask(context.Background(), smartconnect.PauseConnectorTaskParams{ProjectID: ctProject, InstanceID: ctInstance, TaskID: ctTask})
	ctAPIError(t, "200 for pause", err, 200, "")
	_, err = c.ShowConnectorTask(context.Background(), smartconnect.ShowConnectorTaskParams{ProjectID: ctProject, InstanceID: ctInstance, TaskID: ctTask})
	ctAPIError(t, "redirect", err, 302, "")
	if n := len(srv.requests()); n != 2 {
		t.Errorf("the server received %d requests, want 2 (a redirect is not followed)", n)
	}
}

// TestClientRetryIdempotent checks that GET, PUT and DELETE requests are
// sent again after 503, each attempt signed anew, until one succeeds.
func TestClientRetryIdempotent(t *testing.T) {
	ctx := context.Background()
	for _, c := range []struct {
		op   string
		call func(c *smartconnect.Client, task string) error
	}{
		{"ShowConnectorTask", func(c *smartconnect.Client, task string) error {
			_, err := c.ShowConnectorTask(ctx, smartconnect.ShowConnectorTaskParams{ProjectID: ctProject, InstanceID: ctInstance, TaskID: task})
			return err
		}},
		{"ListConnectorTasks", func(c *smartconnect.Client, task string) error {
			_, err := c.ListConnectorTasks(ctx, smartconnect.ListConnectorTasksParams{ProjectID: ctProject, InstanceID: ctInstance})
			return err
		}},
		{"PauseConnectorTask", func(c *smartconnect.Client, task string) error {
			return c.PauseConnectorTask(ctx, smartconnect.PauseConnectorTaskParams{ProjectID: ctProject, InstanceID: ctInstance, TaskID: task})
		}},
		{"RestartConnectorTask", func(c *smartconnect.Client, task string) error {
			return c.RestartConnectorTask(ctx, smartconnect.RestartConnectorTaskParams{ProjectID: ctProject, InstanceID: ctInstance, TaskID: task})
		}},
		{"DeleteConnectorTask", func(c *smartconnect.Client, task string) error {
			return c.DeleteConnectorTask(ctx, smartconnect.DeleteConnectorTaskParams{ProjectID: ctProject, InstanceID: ctInstance, TaskID: task})
		}},
	} {
		t.Run(c.op, func(t *testing.T) {
			f := smartconnecttest.New(smartconnecttest.WithSmartConnect(ctInstance), smartconnecttest.WithCredentials(ctAK, ctSK))
			srv := f.Server()
			defer srv.Close()
			cl := ctNewClient(t, srv.URL, smartconnect.WithAKSK(ctAK, ctSK), ctFastRetry)
			task, err := cl.CreateConnectorTask(ctx, smartconnect.CreateConnectorTaskParams{ProjectID: ctProject, InstanceID: ctInstance}, ctRedisTask())
			if err != nil {
				t.Fatal(err)
			}
			f.FailNext(c.op, 503, 2)
			if err := c.call(cl, *task.ID); err != nil {
				t.Fatalf("after two 503: %v", err)
			}
			var statuses []int
			for _, r := range f.Requests() {
				if r.Operation == c.op {
					statuses = append(statuses, r.Status)
				}
			}
			if len(statuses) != 3 || statuses[0] != 503 || statuses[1] != 503 || statuses[2] >= 300 {
				t.Errorf("statuses %v, want 503 503 2xx", statuses)
			}

			// Three 503 in a row exhaust the three attempts.
			f.FailNext(c.op, 503, 4)
			ctAPIError(t, "after three 503", c.call(cl, *task.ID), 503, smartconnecttest.CodeInternal)
			f.FailNext(c.op, 500, 1) // not retried: the service failed
			ctAPIError(t, "500", c.call(cl, *task.ID), 500, smartconnecttest.CodeInternal)
		})
	}
}

// TestClientRetryNonIdempotent checks that POST requests are not sent
// again unless RetryNonIdempotent says so.
func TestClientRetryNonIdempotent(t *testing.T) {
	ctx := context.Background()
	for _, c := range []struct {
		op   string
		call func(c *smartconnect.Client) error
	}{
		{"CreateConnector", func(c *smartconnect.Client) error {
			_, err := c.CreateConnector(ctx, smartconnect.CreateConnectorParams{ProjectID: ctProject, InstanceID: "inst-new"}, &smartconnect.CreateConnectorRequest{})
			return err
		}},
		{"CreateConnectorTask", func(c *smartconnect.Client) error {
			_, err := c.CreateConnectorTask(ctx, smartconnect.CreateConnectorTaskParams{ProjectID: ctProject, InstanceID: ctInstance}, ctOBSTask())
			return err
		}},
		{"DeleteConnector", func(c *smartconnect.Client) error {
			_, err := c.DeleteConnector(ctx, smartconnect.DeleteConnectorParams{ProjectID: ctProject, InstanceID: ctInstance})
			return err
		}},
	} {
		t.Run(c.op, func(t *testing.T) {
			count := func(f *smartconnecttest.Fake) int {
				n := 0
				for _, r := range f.Requests() {
					if r.Operation == c.op {
						n++
					}
				}
				return n
			}
			f := smartconnecttest.New(smartconnecttest.WithSmartConnect(ctInstance))
			srv := f.Server()
			defer srv.Close()
			f.FailNext(c.op, 503, 2)
			ctAPIError(t, "POST after 503", c.call(ctNewClient(t, srv.URL, ctFastRetry)), 503, "")
			if n := count(f); n != 1 {
				t.Errorf("sent %d times, want once", n)
			}

			f = smartconnecttest.New(smartconnecttest.WithSmartConnect(ctInstance))
			srv2 := f.Server()
			defer srv2.Close()
			f.FailNext(c.op, 503, 2)
			retrying := smartconnect.WithRetry(smartconnect.RetryPolicy{BaseDelay: time.Millisecond, MaxDelay: 2 * time.Millisecond, RetryNonIdempotent: true})
			if err := c.call(ctNewClient(t, srv2.URL, retrying)); err != nil {
				t.Fatalf("with RetryNonIdempotent: %v", err)
			}
			if n := count(f); n != 3 {
				t.Errorf("sent %d times, want 3", n)
			}
		})
	}
}

// TestClientRetryAfter checks that Retry-After sets the wait, and that a
// wait beyond MaxDelay returns the error at once.
func TestClientRetryAfter(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	f := smartconnecttest.New(smartconnecttest.WithSmartConnect(ctInstance))
	srv := f.Server()
	defer srv.Close()
	// The backoff alone would wait up to a minute: Retry-After asks for
	// none, or a date past.
	slow := smartconnect.WithRetry(smartconnect.RetryPolicy{BaseDelay: time.Minute, MaxDelay: time.Minute})
	c := ctNewClient(t, srv.URL, slow)
	list := func() error {
		_, err := c.ListConnectorTasks(ctx, smartconnect.ListConnectorTasksParams{ProjectID: ctProject, InstanceID: ctInstance})
		return err
	}
	f.FailWith("ListConnectorTasks", smartconnecttest.Failure{Status: 503, Code: "DMS.00500000", RetryAfter: "0"}, 1)
	f.FailWith("ListConnectorTasks", smartconnecttest.Failure{Status: 429, Code: "APIGW.0308", RetryAfter: "Mon, 02 Jan 2006 15:04:05 GMT"}, 1)
	start := time.Now()
	if err := list(); err != nil {
		t.Fatal(err)
	}
	if d := time.Since(start); d > 5*time.Second {
		t.Errorf("took %v: Retry-After was not honoured", d)
	}
	if n := len(f.Requests()); n != 3 {
		t.Errorf("%d requests, want 3", n)
	}

	f.FailWith("ListConnectorTasks", smartconnecttest.Failure{Status: 503, Code: "DMS.00500000", RetryAfter: "3600"}, 1)
	start = time.Now()
	ctAPIError(t, "Retry-After beyond MaxDelay", list(), 503, "DMS.00500000")
	if d := time.Since(start); d > 5*time.Second {
		t.Errorf("took %v: the client waited for a Retry-After beyond MaxDelay", d)
	}
	if n := len(f.Requests()); n != 4 {
		t.Errorf("%d requests, want 4", n)
	}
}

// TestClientConnectionClosed checks that a connection closed before the
// response is retried for a GET and not for a POST.
func TestClientConnectionClosed(t *testing.T) {
	srv := newCtServer(t, func(n int, w http.ResponseWriter, r *http.Request) {
		if n <= 2 || r.Method == "POST" {
			conn, _, err := http.NewResponseController(w).Hijack()
			if err == nil {
				conn.Close()
			}
			return
		}
		ctReply(w, 200, ctTaskResponse)
	})
	c := ctNewClient(t, srv.URL, ctFastRetry)
	if _, err := c.ShowConnectorTask(context.Background(), smartconnect.ShowConnectorTaskParams{ProjectID: ctProject, InstanceID: ctInstance, TaskID: ctTask}); err != nil {
		t.Fatalf("GET after two closed connections: %v", err)
	}
	if n := len(srv.requests()); n != 3 {
		t.Errorf("%d requests, want 3", n)
	}
	_, err := c.CreateConnectorTask(context.Background(), smartconnect.CreateConnectorTaskParams{ProjectID: ctProject, InstanceID: ctInstance}, ctOBSTask())
	var ae *smartconnect.APIError
	if err == nil || errors.As(err, &ae) || !strings.HasPrefix(err.Error(), "POST /v2/"+ctProject+"/instances/"+ctInstance+"/connector/tasks: ") {
		t.Errorf("POST on a closed connection: %v", err)
	}
	if n := len(srv.requests()); n != 4 {
		t.Errorf("%d requests, want 4: a POST is not sent again", n)
	}
}

// TestClientCancel checks that a canceled context or a deadline ends a
// call, before sending, while waiting for the response, and while waiting
// to retry, with an error that errors.Is finds the context's error in.
func TestClientCancel(t *testing.T) {
	release := make(chan struct{})
	defer close(release)
	srv := newCtServer(t, func(_ int, w http.ResponseWriter, r *http.Request) {
		select {
		case <-r.Context().Done():
		case <-release:
		}
	})
	c := ctNewClient(t, srv.URL)
	show := func(ctx context.Context, c *smartconnect.Client) error {
		_, err := c.ShowConnectorTask(ctx, smartconnect.ShowConnectorTaskParams{ProjectID: ctProject, InstanceID: ctInstance, TaskID: ctTask})
		return err
	}

	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if err := show(ctx, c); !errors.Is(err, context.Canceled) {
		t.Errorf("canceled before the call: %v", err)
	}

	ctx, cancel = context.WithTimeout(context.Background(), 50*time.Millisecond)
	defer cancel()
	start := time.Now()
	if err := show(ctx, c); !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("deadline while waiting for the response: %v", err)
	}
	if d := time.Since(start); d > 5*time.Second {
		t.Errorf("the deadline took %v to end the call", d)
	}

	// Waiting 30 seconds to retry, as Retry-After asks; canceled when the
	// Client logs that it will retry, which it does before it waits.
	f := smartconnecttest.New(smartconnecttest.WithSmartConnect(ctInstance))
	fsrv := f.Server()
	defer fsrv.Close()
	f.FailWith("ShowConnectorTask", smartconnecttest.Failure{Status: 503, Code: "DMS.00500000", RetryAfter: "30"}, 1)
	ctx, cancel = context.WithCancel(context.Background())
	fc := ctNewClient(t, fsrv.URL, smartconnect.WithRetry(smartconnect.RetryPolicy{MaxDelay: time.Minute}), smartconnect.WithLogger(slog.New(ctCancelOnRetry(cancel))))
	start = time.Now()
	err := show(ctx, fc)
	if !errors.Is(err, context.Canceled) || !strings.Contains(err.Error(), "waiting to retry") {
		t.Errorf("canceled while waiting to retry: %v", err)
	}
	if d := time.Since(start); d > 10*time.Second {
		t.Errorf("the cancellation took %v to end the wait", d)
	}
}

// ctCancelOnRetry is a slog.Handler that calls cancel when a record says
// the Client will retry.
type ctCancelOnRetry context.CancelFunc

func (ctCancelOnRetry) Enabled(context.Context, slog.Level) bool { return true }

func (h ctCancelOnRetry) Handle(_ context.Context, r slog.Record) error {
	r.Attrs(func(a slog.Attr) bool {
		if a.Key == "retry_in" {
			h()
		}
		return true
	})
	return nil
}

func (h ctCancelOnRetry) WithAttrs([]slog.Attr) slog.Handler { return h }

func (h ctCancelOnRetry) WithGroup(string) slog.Handler { return h }

// TestClientBadResponse checks success responses that do not decode, and
// that a response decodes leniently.
func TestClientBadResponse(t *testing.T) {
	for _, c := range []struct {
		name, body string
		ve         bool // the error wraps a *ValidationError
	}{
		{"wrong type", `{"id":5}`, true},
		{"not JSON", `<html>oops</html>`, true},
		{"truncated", `{"id":"x"`, true},
		{"empty", ``, true},
		{"repeated member", `{"id":"a","id":"b"}`, true},
	} {
		srv := newCtServer(t, func(_ int, w http.ResponseWriter, _ *http.Request) { ctReply(w, 200, c.body) })
		cl := ctNewClient(t, srv.URL)
		_, err := cl.ShowConnectorTask(context.Background(), smartconnect.ShowConnectorTaskParams{ProjectID: ctProject, InstanceID: ctInstance, TaskID: ctTask})
		var ve *smartconnect.ValidationError
		var ae *smartconnect.APIError
		if err == nil || errors.As(err, &ae) || errors.As(err, &ve) != c.ve || !strings.Contains(err.Error(), "does not decode") {
			t.Errorf("%s: got %v", c.name, err)
		}
	}
	srv := newCtServer(t, func(_ int, w http.ResponseWriter, _ *http.Request) {
		ctReply(w, 200, `{"tasks":{}}`)
	})
	_, err := ctNewClient(t, srv.URL).ListConnectorTasks(context.Background(), smartconnect.ListConnectorTasksParams{ProjectID: ctProject, InstanceID: ctInstance})
	if err == nil {
		t.Error("a list whose tasks is an object decoded")
	}

	// Members and values the schema does not know are kept or skipped.
	srv = newCtServer(t, func(_ int, w http.ResponseWriter, _ *http.Request) {
		ctReply(w, 200, `{"id":"x","status":"MIGRATING","future_member":{"a":[1,2]},"source_type":"NEW_SOURCE"}`)
	})
	e, err := ctNewClient(t, srv.URL).ShowConnectorTask(context.Background(), smartconnect.ShowConnectorTaskParams{ProjectID: ctProject, InstanceID: ctInstance, TaskID: ctTask})
	if err != nil || *e.Status != "MIGRATING" || *e.SourceType != "NEW_SOURCE" {
		t.Errorf("lenient decoding: %v, %v", e, err)
	}
}

// TestClientLogger checks that a logged attempt has the operation and
// status and no credential.
func TestClientLogger(t *testing.T) {
	f := smartconnecttest.New(smartconnecttest.WithSmartConnect(ctInstance))
	srv := f.Server()
	defer srv.Close()
	var buf bytes.Buffer
	logger := slog.New(slog.NewJSONHandler(&buf, &slog.HandlerOptions{Level: slog.LevelDebug}))
	c := ctNewClient(t, srv.URL, smartconnect.WithAKSK(ctAK, ctSK), smartconnect.WithSecurityToken(ctSTS), smartconnect.WithLogger(logger), ctFastRetry)
	f.FailNext("ListConnectorTasks", 503, 1)
	if _, err := c.ListConnectorTasks(context.Background(), smartconnect.ListConnectorTasksParams{ProjectID: ctProject, InstanceID: ctInstance}); err != nil {
		t.Fatal(err)
	}
	var records []map[string]any
	for _, line := range strings.Split(strings.TrimSpace(buf.String()), "\n") {
		var m map[string]any
		if err := json.Unmarshal([]byte(line), &m); err != nil {
			t.Fatalf("%v: %s", err, line)
		}
		records = append(records, m)
	}
	if len(records) != 2 || records[0]["status"] != 503.0 || records[1]["status"] != 200.0 || records[0]["operation"] != "ListConnectorTasks" {
		t.Errorf("records: %v", records)
	}
	for _, secret := range []string{ctSK, ctSTS, "Signature=", "SDK-HMAC"} {
		if strings.Contains(buf.String(), secret) {
			t.Errorf("the log shows %q: %s", secret, buf.String())
		}
	}
}
