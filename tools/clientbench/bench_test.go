package clientbench

import (
	"bytes"
	"context"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/huaweicloud/huaweicloud-sdk-go-v3/core/auth/basic"
	hwsigner "github.com/huaweicloud/huaweicloud-sdk-go-v3/core/auth/signer"
	"github.com/huaweicloud/huaweicloud-sdk-go-v3/core/config"
	kafka "github.com/huaweicloud/huaweicloud-sdk-go-v3/services/kafka/v2"
	"github.com/huaweicloud/huaweicloud-sdk-go-v3/services/kafka/v2/model"

	"github.com/dmsgen/dmsgen/generated/smartconnect"
	"github.com/dmsgen/dmsgen/tools/signer"
)

// Fake credentials and IDs: no real key looks like these.
const (
	benchAK    = "AKEXAMPLE0000000000"
	benchSK    = "SKEXAMPLE0000000000000000000000000000000"
	projectID  = "0a1b2c3d4e5f60718293a4b5c6d7e8f9"
	instanceID = "5e2a1c44-7f0b-4d7e-9a53-2b8c6f1d0e93"
	tasksPath  = "/v2/" + projectID + "/instances/" + instanceID + "/connector/tasks"
	// responseTaskID is the id of createResponse.
	responseTaskID = "8a205bbd-7181-4b5e-9bd6-37274ce84577"
)

// createResponse is the response example of the Creating a Smart Connect
// Task page, as the page prints it.
const createResponse = `{
  "task_name" : "smart-connect-121248117",
  "topics" : "topic-sc",
  "source_task" : {
    "redis_address" : "192.168.91.179:6379",
    "redis_type" : "standalone",
    "dcs_instance_id" : "949190a2-598a-4afd-99a8-dad3cae1e7cd",
    "sync_mode" : "RDB_ONLY,",
    "full_sync_wait_ms" : 13000,
    "full_sync_max_retry" : 4,
    "ratelimit" : -1
  },
  "source_type" : "REDIS_REPLICATOR_SOURCE",
  "sink_task" : {
    "redis_address" : "192.168.119.51:6379",
    "redis_type" : "standalone",
    "dcs_instance_id" : "9b981368-a8e3-416a-87d9-1581a968b41b",
    "target_db" : -1
  },
  "sink_type" : "REDIS_REPLICATOR_SINK",
  "id" : "8a205bbd-7181-4b5e-9bd6-37274ce84577",
  "status" : "RUNNING",
  "create_time" : 1708427753133
}`

// serveCreate is the plain handler both clients send to: it reads the
// request body and answers the page's example, whatever the request says
// (a wrong method or path is a 404, so that a mistake cannot pass).
func serveCreate(w http.ResponseWriter, r *http.Request) {
	_, _ = io.Copy(io.Discard, r.Body)
	if r.Method != http.MethodPost || r.URL.Path != tasksPath {
		http.NotFound(w, r)
		return
	}
	w.Header().Set("Content-Type", "application/json")
	_, _ = io.WriteString(w, createResponse)
}

// newServer starts a loopback server of h, closed when the test ends.
func newServer(tb testing.TB, h http.HandlerFunc) *httptest.Server {
	srv := httptest.NewServer(h)
	tb.Cleanup(srv.Close)
	return srv
}

// newClient returns our Client of baseURL, signing with the fake keys, on
// a transport of its own with the default settings.
func newClient(tb testing.TB, baseURL string) *smartconnect.Client {
	c, err := smartconnect.NewClient(baseURL,
		smartconnect.WithAKSK(benchAK, benchSK),
		smartconnect.WithHTTPClient(&http.Client{Transport: &http.Transport{}}),
	)
	if err != nil {
		tb.Fatal(err)
	}
	return c
}

// newVendorClient returns the vendor's KafkaClient of baseURL with basic
// credentials (AK/SK and the project, which it sends as X-Project-Id and
// puts in the path), on a transport of its own with the default settings.
func newVendorClient(tb testing.TB, baseURL string) *kafka.KafkaClient {
	cred, err := basic.NewCredentialsBuilder().WithAk(benchAK).WithSk(benchSK).WithProjectId(projectID).SafeBuild()
	if err != nil {
		tb.Fatal(err)
	}
	hc, err := kafka.KafkaClientBuilder().
		WithEndpoints([]string{baseURL}).
		WithCredential(cred).
		WithHttpConfig(config.DefaultHttpConfig().WithHttpTransport(&http.Transport{})).
		SafeBuild()
	if err != nil {
		tb.Fatal(err)
	}
	return kafka.NewKafkaClient(hc)
}

// request is the page's Kafka replication example (example 2), which both
// SDKs can express, built as our Client takes it, by a helper: what it
// returns is on the heap, with every field it points to. create builds the
// same request in place.
func request() *smartconnect.CreateConnectorTaskRequest {
	return &smartconnect.CreateConnectorTaskRequest{
		TaskName:   smartconnect.Ptr("smart-connect-2"),
		StartLater: smartconnect.Ptr(true),
		SourceType: smartconnect.Ptr(smartconnect.SourceTypeKafkaReplicatorSource),
		SourceTask: &smartconnect.SmartConnectTaskReqSourceConfig{
			CurrentClusterName:         smartconnect.Ptr("A"),
			ClusterName:                smartconnect.Ptr("B"),
			UserName:                   smartconnect.Ptr("user1"),
			Password:                   smartconnect.NewSecret("********"),
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

// vendorRequest is the same request, built as the vendor's client takes it.
func vendorRequest() *model.CreateConnectorTaskRequest {
	str := func(s string) *string { return &s }
	i32 := func(n int32) *int32 { return &n }
	boolean := func(b bool) *bool { return &b }
	source := model.GetCreateSmartConnectTaskReqSourceTypeEnum().KAFKA_REPLICATOR_SOURCE
	return &model.CreateConnectorTaskRequest{
		InstanceId: instanceID,
		Body: &model.CreateSmartConnectTaskReq{
			TaskName:   str("smart-connect-2"),
			StartLater: boolean(true),
			SourceType: &source,
			SourceTask: &model.SmartConnectTaskReqSourceConfig{
				CurrentClusterName:         str("A"),
				ClusterName:                str("B"),
				UserName:                   str("user1"),
				Password:                   str("********"),
				SaslMechanism:              str("SCRAM-SHA-512"),
				InstanceId:                 str("b54c9dd8-********-********"),
				Direction:                  str("two-way"),
				SyncConsumerOffsetsEnabled: boolean(false),
				ReplicationFactor:          i32(3),
				TaskNum:                    i32(2),
				RenameTopicEnabled:         boolean(false),
				ProvenanceHeaderEnabled:    boolean(true),
				ConsumerStrategy:           str("latest"),
				CompressionType:            str("snappy"),
				TopicsMapping:              str("topic-sc-1:topic-sc-3,topic-sc-2:topic-sc-4"),
			},
		},
	}
}

// params are the path parameters of the operation for our Client.
var params = smartconnect.CreateConnectorTaskParams{ProjectID: projectID, InstanceID: instanceID}

// errWrongTask is the error of a response that did not decode to the
// page's task.
var errWrongTask = errors.New("the response did not decode to the page's task")

// create is one operation with our Client: build the request, validate,
// encode, sign, send, decode the response. It builds the request as the
// README does, a variable whose address it passes, which the compiler
// keeps on the stack with the values its fields point to, since the
// Client keeps no pointer into it (TestSameWork checks that it is
// request()).
func create(ctx context.Context, c *smartconnect.Client) error {
	req := smartconnect.CreateConnectorTaskRequest{
		TaskName:   smartconnect.Ptr("smart-connect-2"),
		StartLater: smartconnect.Ptr(true),
		SourceType: smartconnect.Ptr(smartconnect.SourceTypeKafkaReplicatorSource),
		SourceTask: &smartconnect.SmartConnectTaskReqSourceConfig{
			CurrentClusterName:         smartconnect.Ptr("A"),
			ClusterName:                smartconnect.Ptr("B"),
			UserName:                   smartconnect.Ptr("user1"),
			Password:                   smartconnect.NewSecret("********"),
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
	return send(ctx, c, &req)
}

// createFromHelper is create with the request built by request(), on the
// heap.
func createFromHelper(ctx context.Context, c *smartconnect.Client) error {
	return send(ctx, c, request())
}

// send sends req with our Client and checks the answer.
func send(ctx context.Context, c *smartconnect.Client, req *smartconnect.CreateConnectorTaskRequest) error {
	task, err := c.CreateConnectorTask(ctx, params, req)
	if err != nil {
		return err
	}
	if task.ID == nil || *task.ID != responseTaskID || task.CreateTime == nil || *task.CreateTime != 1708427753133 {
		return errWrongTask
	}
	return nil
}

// createVendor is the same operation with the vendor's client.
func createVendor(c *kafka.KafkaClient) error {
	task, err := c.CreateConnectorTask(vendorRequest())
	if err != nil {
		return err
	}
	if task.Id == nil || *task.Id != responseTaskID || task.CreateTime == nil || *task.CreateTime != 1708427753133 {
		return errWrongTask
	}
	return nil
}

// floorRequest is what our Client sends for create, prepared once for the
// bare net/http floor: the body encoded, the headers our Client sets,
// signed at a fixed date.
type floorRequest struct {
	url    string
	body   []byte
	header http.Header
}

// newFloorRequest prepares our Client's request for create to baseURL.
func newFloorRequest(tb testing.TB, baseURL string) *floorRequest {
	body, err := smartconnect.EncodeCreateConnectorTaskRequest(request())
	if err != nil {
		tb.Fatal(err)
	}
	req, err := http.NewRequest(http.MethodPost, baseURL+tasksPath, nil)
	if err != nil {
		tb.Fatal(err)
	}
	req.Header.Set("User-Agent", "dmsgen-client")
	req.Header.Set("Accept", "application/json")
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("X-Project-Id", projectID)
	s := smartconnect.Signer{AccessKey: benchAK, SecretKey: smartconnect.NewSecret(benchSK)}
	if err := s.Sign(req, body, time.Date(2025, 3, 14, 9, 26, 53, 0, time.UTC)); err != nil {
		tb.Fatal(err)
	}
	return &floorRequest{url: req.URL.String(), body: body, header: req.Header}
}

// sendFloor sends f with nothing but net/http: the least a client of
// net/http pays for the request our Client sends. It makes the request
// with http.NewRequestWithContext, gives it a header map of its own
// holding the prepared values (no value is copied), sends it with c and
// reads the response body to the end without keeping it.
func sendFloor(ctx context.Context, c *http.Client, f *floorRequest) error {
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, f.url, bytes.NewReader(f.body))
	if err != nil {
		return err
	}
	for name, values := range f.header {
		req.Header[name] = values
	}
	resp, err := c.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	if _, err := io.Copy(io.Discard, resp.Body); err != nil {
		return err
	}
	if resp.StatusCode != http.StatusOK {
		return errors.New(resp.Status)
	}
	return nil
}

// contender is one client of the end-to-end benchmarks: its name and a
// function that makes one of its clients of a base URL and returns the
// operation it is timed on.
type contender struct {
	name string
	make func(tb testing.TB, baseURL string) func() error
}

// contenders are our Client (its request built in place, as the README
// does, and built by a helper), the vendor's, and the floor.
var contenders = []contender{
	{"dmsgen", func(tb testing.TB, url string) func() error {
		c, ctx := newClient(tb, url), context.Background()
		return func() error { return create(ctx, c) }
	}},
	{"dmsgen-helper", func(tb testing.TB, url string) func() error {
		c, ctx := newClient(tb, url), context.Background()
		return func() error { return createFromHelper(ctx, c) }
	}},
	{"vendor", func(tb testing.TB, url string) func() error {
		c := newVendorClient(tb, url)
		return func() error { return createVendor(c) }
	}},
	{"nethttp", func(tb testing.TB, url string) func() error {
		c, f, ctx := &http.Client{Transport: &http.Transport{}}, newFloorRequest(tb, url), context.Background()
		return func() error { return sendFloor(ctx, c, f) }
	}},
}

// BenchmarkCreateConnectorTask measures one CreateConnectorTask end to end
// over loopback, with each client on a keep-alive connection to the same
// plain server, which answers the page's example. Each client has a
// transport of its own with the default settings (&http.Transport{}).
//
// With server=process the server is another process (the test binary
// started by startServerProcess), so the figures are the client's alone:
// this is the comparison. With server=goroutine it is an httptest.Server
// of the benchmark's process, so its work and its allocations count for
// both clients: 35 an operation for our request, 32 for the vendor's,
// which has one header less (Accept) to parse.
//
// client=dmsgen builds the request in place, as the README does;
// client=dmsgen-helper has it built by a helper that returns a pointer,
// so that it and every value its fields point to are on the heap. The
// vendor's client keeps a pointer to its request (its parameter leaks),
// so its request is on the heap however it is built.
//
// client=nethttp is the floor: our Client's request, prepared once (see
// sendFloor), sent with nothing but net/http, the response read and
// dropped. What net/http allocates there it allocates for both clients.
//
// Besides ns/op, B/op and allocs/op, each reports cpu-ns/op: the
// processor time (user and system) the benchmark's process used per
// operation, which waits for the other process and for a busy machine do
// not inflate as they do ns/op. With server=process it is the client's
// cost alone.
func BenchmarkCreateConnectorTask(b *testing.B) {
	for _, server := range []struct {
		name  string
		start func(testing.TB) string
	}{
		{"goroutine", func(tb testing.TB) string { return newServer(tb, serveCreate).URL }},
		{"process", startServerProcess},
	} {
		url := server.start(b)
		for _, ct := range contenders {
			b.Run("server="+server.name+"/client="+ct.name, func(b *testing.B) {
				op := ct.make(b, url)
				if err := op(); err != nil { // connect before timing
					b.Fatal(err)
				}
				b.ReportAllocs()
				cpu := startCPU(b)
				for b.Loop() {
					if err := op(); err != nil {
						b.Fatal(err)
					}
				}
				cpu.report(b)
			})
		}
	}
}

// BenchmarkCreateConnectorTaskParallel is BenchmarkCreateConnectorTask
// with the server process and requests sent from GOMAXPROCS goroutines at
// once through one client (one keep-alive connection each, which the
// default transport keeps: two idle connections a host), so that ns/op is
// the inverse of throughput when the processors, not the round trip, are
// the limit. The server's work counts in ns/op here, the same for every
// client, since it shares the processors; cpu-ns/op is still the
// client's.
func BenchmarkCreateConnectorTaskParallel(b *testing.B) {
	url := startServerProcess(b)
	for _, ct := range contenders {
		if ct.name == "dmsgen-helper" {
			continue
		}
		b.Run("server=process/client="+ct.name, func(b *testing.B) {
			op := ct.make(b, url)
			if err := op(); err != nil {
				b.Fatal(err)
			}
			b.ReportAllocs()
			cpu := startCPU(b)
			b.RunParallel(func(pb *testing.PB) {
				for pb.Next() {
					if err := op(); err != nil {
						b.Error(err)
						return
					}
				}
			})
			cpu.report(b)
		})
	}
}

// signCase returns the request the signing benchmarks sign (the page's
// operation with the Redis example as body, as the vendor's client sends
// it: tools/signer's BenchCase) and what the vendor's signer makes of it.
func signCase(tb testing.TB) (signer.Case, signer.Vector) {
	c := signer.BenchCase()
	v, err := signer.MakeVector(c)
	if err != nil {
		tb.Fatal(err)
	}
	return c, v
}

// ourSignRequest returns v's request as an *http.Request for our Signer,
// its body and its date.
func ourSignRequest(tb testing.TB, v signer.Vector) (*http.Request, []byte, time.Time) {
	req, err := http.NewRequest(v.Method, v.URL, nil)
	if err != nil {
		tb.Fatal(err)
	}
	for name, values := range v.Headers {
		for _, value := range values {
			req.Header.Add(name, value)
		}
	}
	at, err := time.Parse(time.RFC3339, v.Date)
	if err != nil {
		tb.Fatal(err)
	}
	return req, v.FullBody(), at
}

// BenchmarkSign measures signing alone: the same request, built once and
// signed again in every iteration, by our smartconnect.Signer.Sign and by
// the vendor's core/auth/signer Signer.Sign; both must give the vendor's
// Authorization. The vendor's request holds its body as a string, which
// its signer hashes as it is (a struct body would be encoded with
// encoding/json inside Sign, which is left out here).
func BenchmarkSign(b *testing.B) {
	c, v := signCase(b)
	b.Run("signer=dmsgen", func(b *testing.B) {
		req, body, at := ourSignRequest(b, v)
		s := smartconnect.Signer{AccessKey: v.AccessKey, SecretKey: smartconnect.NewSecret(v.SecretKey)}
		b.ReportAllocs()
		for b.Loop() {
			if err := s.Sign(req, body, at); err != nil || req.Header.Get("Authorization") != v.Authorization {
				b.Fatalf("our signer: %v, %q", err, req.Header.Get("Authorization"))
			}
		}
	})
	b.Run("signer=vendor", func(b *testing.B) {
		req := c.Build()
		ak, sk := c.Keys()
		b.ReportAllocs()
		for b.Loop() {
			h, err := hwsigner.Signer{}.Sign(req, ak, sk)
			if err != nil || h[hwsigner.HeaderAuthorization] != v.Authorization {
				b.Fatalf("vendor signer: %v, %q", err, h[hwsigner.HeaderAuthorization])
			}
		}
	})
}
