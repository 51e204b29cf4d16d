package clientbench

import (
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
// SDKs can express, built as our Client takes it.
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
// encode, sign, send, decode the response.
func create(ctx context.Context, c *smartconnect.Client) error {
	task, err := c.CreateConnectorTask(ctx, params, request())
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

// BenchmarkCreateConnectorTask measures one CreateConnectorTask end to end
// over loopback, with each client on a keep-alive connection to the same
// plain server, which answers the page's example. With server=goroutine the
// server is an httptest.Server of the benchmark's process, so its work
// (and its allocations: about 30 an operation) counts for both clients;
// with server=process it is another process, and only the client's work is
// measured.
func BenchmarkCreateConnectorTask(b *testing.B) {
	for _, server := range []struct {
		name  string
		start func(testing.TB) string
	}{
		{"goroutine", func(tb testing.TB) string { return newServer(tb, serveCreate).URL }},
		{"process", startServerProcess},
	} {
		url := server.start(b)
		b.Run("server="+server.name+"/client=dmsgen", func(b *testing.B) {
			c := newClient(b, url)
			ctx := context.Background()
			if err := create(ctx, c); err != nil { // connect before timing
				b.Fatal(err)
			}
			b.ReportAllocs()
			for b.Loop() {
				if err := create(ctx, c); err != nil {
					b.Fatal(err)
				}
			}
		})
		b.Run("server="+server.name+"/client=vendor", func(b *testing.B) {
			c := newVendorClient(b, url)
			if err := createVendor(c); err != nil {
				b.Fatal(err)
			}
			b.ReportAllocs()
			for b.Loop() {
				if err := createVendor(c); err != nil {
					b.Fatal(err)
				}
			}
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
