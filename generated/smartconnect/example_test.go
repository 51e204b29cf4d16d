package smartconnect_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"reflect"
	"testing"

	"github.com/dmsgen/dmsgen/generated/smartconnect"
)

// The page's Redis example: replicate one Redis instance into another, in
// full, with retries and a rate limit. Optional fields are pointers, set
// with Ptr; enum fields take the package's constants.
func ExampleCreateConnectorTaskRequest_redis() {
	req := smartconnect.CreateConnectorTaskRequest{
		TaskName:   smartconnect.Ptr("smart-connect-3"),
		StartLater: smartconnect.Ptr(false),
		Topics:     smartconnect.Ptr("topic-sc-3"),
		SourceType: smartconnect.Ptr(smartconnect.SourceTypeRedisReplicatorSource),
		SourceTask: &smartconnect.SmartConnectTaskReqSourceConfig{
			RedisAddress:     smartconnect.Ptr("192.168.99.249:6379,192.168.120.127:6379,192.168.116.219:6379"),
			RedisType:        smartconnect.Ptr("cluster"),
			RedisPassword:    smartconnect.NewSecret("********"),
			SyncMode:         smartconnect.Ptr(smartconnect.SyncModeRDBOnly),
			FullSyncWaitMS:   smartconnect.Ptr[int32](10000),
			FullSyncMaxRetry: smartconnect.Ptr[int32](10),
			Ratelimit:        smartconnect.Ptr[int32](10),
		},
		SinkType: smartconnect.Ptr(smartconnect.SinkTypeRedisReplicatorSink),
		SinkTask: &smartconnect.SmartConnectTaskReqSinkConfig{
			RedisAddress:  smartconnect.Ptr("192.168.119.51:6379"),
			RedisType:     smartconnect.Ptr("standalone"),
			RedisPassword: smartconnect.NewSecret("********"),
		},
	}
	if err := req.Validate(); err != nil {
		fmt.Println(err)
		return
	}
	body, err := smartconnect.EncodeCreateConnectorTaskRequest(&req)
	if err != nil {
		fmt.Println(err)
		return
	}
	printIndented(body)
	// Output:
	// {
	//   "task_name": "smart-connect-3",
	//   "start_later": false,
	//   "topics": "topic-sc-3",
	//   "source_type": "REDIS_REPLICATOR_SOURCE",
	//   "source_task": {
	//     "redis_address": "192.168.99.249:6379,192.168.120.127:6379,192.168.116.219:6379",
	//     "redis_type": "cluster",
	//     "redis_password": "********",
	//     "sync_mode": "RDB_ONLY",
	//     "full_sync_wait_ms": 10000,
	//     "full_sync_max_retry": 10,
	//     "ratelimit": 10
	//   },
	//   "sink_type": "REDIS_REPLICATOR_SINK",
	//   "sink_task": {
	//     "redis_address": "192.168.119.51:6379",
	//     "redis_type": "standalone",
	//     "redis_password": "********"
	//   }
	// }
}

// The page's Kafka example: replicate two ways between two Kafka
// instances, created stopped, to be started by hand.
func ExampleCreateConnectorTaskRequest_kafka() {
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
	if err := req.Validate(); err != nil {
		fmt.Println(err)
		return
	}
	body, err := smartconnect.EncodeCreateConnectorTaskRequest(&req)
	if err != nil {
		fmt.Println(err)
		return
	}
	printIndented(body)
	// Output:
	// {
	//   "task_name": "smart-connect-2",
	//   "start_later": true,
	//   "source_type": "KAFKA_REPLICATOR_SOURCE",
	//   "source_task": {
	//     "current_cluster_name": "A",
	//     "cluster_name": "B",
	//     "user_name": "user1",
	//     "password": "********",
	//     "sasl_mechanism": "SCRAM-SHA-512",
	//     "instance_id": "b54c9dd8-********-********",
	//     "direction": "two-way",
	//     "sync_consumer_offsets_enabled": false,
	//     "replication_factor": 3,
	//     "task_num": 2,
	//     "rename_topic_enabled": false,
	//     "provenance_header_enabled": true,
	//     "consumer_strategy": "latest",
	//     "compression_type": "snappy",
	//     "topics_mapping": "topic-sc-1:topic-sc-3,topic-sc-2:topic-sc-4"
	//   }
	// }
}

// The page's OBS example: dump the topics that match a pattern to an OBS
// bucket, one folder a minute.
func ExampleCreateConnectorTaskRequest_obs() {
	req := smartconnect.CreateConnectorTaskRequest{
		TaskName:    smartconnect.Ptr("smart-connect-1"),
		StartLater:  smartconnect.Ptr(false),
		TopicsRegex: smartconnect.Ptr("topic-obs*"),
		SourceType:  smartconnect.Ptr(smartconnect.SourceTypeNone),
		SinkType:    smartconnect.Ptr(smartconnect.SinkTypeOBSSink),
		SinkTask: &smartconnect.SmartConnectTaskReqSinkConfig{
			ConsumerStrategy:    smartconnect.Ptr(smartconnect.ConsumerStrategyEarliest),
			DestinationFileType: smartconnect.Ptr(smartconnect.DestinationFileTypeText),
			DeliverTimeInterval: smartconnect.Ptr[int32](300),
			AccessKey:           smartconnect.NewSecret("********"),
			SecretKey:           smartconnect.NewSecret("********"),
			OBSBucketName:       smartconnect.Ptr("obs_bucket"),
			OBSPath:             smartconnect.Ptr("obsTransfer-1810125534"),
			PartitionFormat:     smartconnect.Ptr(smartconnect.PartitionFormatMinute),
			RecordDelimiter:     smartconnect.Ptr(smartconnect.RecordDelimiterNewline),
			StoreKeys:           smartconnect.Ptr(false),
		},
	}
	if err := req.Validate(); err != nil {
		fmt.Println(err)
		return
	}
	body, err := smartconnect.EncodeCreateConnectorTaskRequest(&req)
	if err != nil {
		fmt.Println(err)
		return
	}
	printIndented(body)
	// Output:
	// {
	//   "task_name": "smart-connect-1",
	//   "start_later": false,
	//   "topics_regex": "topic-obs*",
	//   "source_type": "NONE",
	//   "sink_type": "OBS_SINK",
	//   "sink_task": {
	//     "consumer_strategy": "earliest",
	//     "destination_file_type": "TEXT",
	//     "deliver_time_interval": 300,
	//     "access_key": "********",
	//     "secret_key": "********",
	//     "obs_bucket_name": "obs_bucket",
	//     "obs_path": "obsTransfer-1810125534",
	//     "partition_format": "yyyy/MM/dd/HH/mm",
	//     "record_delimiter": "\\n",
	//     "store_keys": false
	//   }
	// }
}

// Decode a request received as JSON, then check the schema's rules on it.
// Decoding rejects what is not JSON, wrong types and undeclared members;
// Validate checks the rest, such as fields required by source_type.
func ExampleDecodeCreateConnectorTaskRequest() {
	body := []byte(`{
		"task_name": "smart-connect-4",
		"source_type": "KAFKA_REPLICATOR_SOURCE",
		"source_task": {
			"current_cluster_name": "A",
			"cluster_name": "B",
			"bootstrap_servers": "192.0.2.10:9092,192.0.2.11:9092",
			"security_protocol": "PLAINTEXT",
			"direction": "pull",
			"sync_consumer_offsets_enabled": true,
			"replication_factor": 3,
			"task_num": 2,
			"rename_topic_enabled": true,
			"provenance_header_enabled": false,
			"consumer_strategy": "earliest",
			"compression_type": "zstd"
		}
	}`)
	req, err := smartconnect.DecodeCreateConnectorTaskRequest(body)
	if err != nil {
		fmt.Println("decode:", err)
		return
	}
	if err := req.Validate(); err != nil {
		fmt.Println("validate:", err)
		return
	}
	fmt.Println(*req.TaskName, *req.SourceType == smartconnect.SourceTypeKafkaReplicatorSource)
	fmt.Println(*req.SourceTask.Direction, *req.SourceTask.TaskNum)
	fmt.Println(req.SinkTask == nil)
	// Output:
	// smart-connect-4 true
	// pull 2
	// true
}

// Every problem of a request comes back at once, in one
// *ValidationError: each violation has the JSON pointer of where it is, the
// schema rule that failed, and a message.
func ExampleValidationError() {
	req := smartconnect.CreateConnectorTaskRequest{
		TaskName:   smartconnect.Ptr("smart-connect-5"),
		SourceType: smartconnect.Ptr(smartconnect.SourceTypeRedisReplicatorSource),
		SourceTask: &smartconnect.SmartConnectTaskReqSourceConfig{
			RedisAddress:  smartconnect.Ptr("192.0.2.20:6379"),
			RedisType:     smartconnect.Ptr("standalone"),
			RedisPassword: smartconnect.NewSecret("********"),
			SyncMode:      smartconnect.Ptr(smartconnect.SyncMode("FULL")),
		},
		SinkType: smartconnect.Ptr(smartconnect.SinkTypeOBSSink),
	}
	err := req.Validate()
	var verr *smartconnect.ValidationError
	if errors.As(err, &verr) {
		for _, v := range verr.Violations {
			fmt.Printf("%s: %s\n", v.Path, v.Message)
		}
	}
	// Output:
	// /source_task/sync_mode: must be one of RDB_ONLY, CUSTOM_OFFSET, got "FULL"
	// /source_task/full_sync_wait_ms: required when source_type is REDIS_REPLICATOR_SOURCE
	// /source_task/full_sync_max_retry: required when source_type is REDIS_REPLICATOR_SOURCE
	// /source_task/ratelimit: required when source_type is REDIS_REPLICATOR_SOURCE
	// /sink_task: required when sink_type is OBS_SINK
}

// Path escapes each parameter as one path segment, and refuses a value
// that would address another path.
func ExampleCreateConnectorTaskParams_Path() {
	params := smartconnect.CreateConnectorTaskParams{
		ProjectID:  "project/1 (test)",
		InstanceID: "kafka?id=5#a",
	}
	path, err := params.Path()
	fmt.Println(smartconnect.CreateConnectorTaskMethod, path, err)
	params.ProjectID = ".."
	_, err = params.Path()
	fmt.Println(err)
	// Output:
	// POST /v2/project%2F1%20%28test%29/instances/kafka%3Fid=5%23a/connector/tasks <nil>
	// /project_id: must not be "." or "..": as a segment of the request path it would address another path
}

// Printing a request, with fmt or log/slog, never shows a secret: a set
// secret shows as [REDACTED], whatever its value. Only the JSON encoding
// carries it.
func ExampleCreateConnectorTaskRequest_String() {
	req := smartconnect.CreateConnectorTaskRequest{
		TaskName: smartconnect.Ptr("smart-connect-6"),
		SinkType: smartconnect.Ptr(smartconnect.SinkTypeRedisReplicatorSink),
		SinkTask: &smartconnect.SmartConnectTaskReqSinkConfig{
			RedisAddress:  smartconnect.Ptr("192.0.2.30:6379"),
			RedisType:     smartconnect.Ptr("standalone"),
			RedisPassword: smartconnect.NewSecret("not-a-real-password"),
		},
	}
	fmt.Println(req)
	fmt.Printf("%#v\n", req.SinkTask.RedisPassword)
	_, err := json.Marshal(req.SinkTask)
	fmt.Println(err != nil)
	body, _ := smartconnect.EncodeSmartConnectTaskReqSinkConfig(req.SinkTask)
	fmt.Println(string(body))
	// Output:
	// CreateConnectorTaskRequest{TaskName:"smart-connect-6" SinkType:"REDIS_REPLICATOR_SINK" SinkTask:SmartConnectTaskReqSinkConfig{RedisAddress:"192.0.2.30:6379" RedisType:"standalone" RedisPassword:[REDACTED]}}
	// [REDACTED]
	// true
	// {"redis_address":"192.0.2.30:6379","redis_type":"standalone","redis_password":"not-a-real-password"}
}

// TestExamplesArePagesExamples checks that the requests the examples build
// in Go are the page's examples, as the schema carries them (the generator
// writes each as the fixture example-NAME): each example's output is the
// same JSON value.
func TestExamplesArePagesExamples(t *testing.T) {
	for name, example := range map[string]func(){
		"obs-dump":          ExampleCreateConnectorTaskRequest_obs,
		"kafka-replication": ExampleCreateConnectorTaskRequest_kafka,
		"redis-replication": ExampleCreateConnectorTaskRequest_redis,
	} {
		want, err := os.ReadFile(filepath.Join(fixtureRoot, "CreateConnectorTaskRequest", "example-"+name+".json"))
		if err != nil {
			t.Fatalf("the schema has no example %s: %v", name, err)
		}
		if got := captureStdout(t, example); !sameJSON(t, []byte(got), want) {
			t.Errorf("the %s example prints\n%s\nwant the page's\n%s", name, got, want)
		}
	}
}

// printIndented prints a JSON document indented, as the examples show it.
func printIndented(doc []byte) {
	var b bytes.Buffer
	if err := json.Indent(&b, doc, "", "  "); err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(b.String())
}

// sameJSON reports whether two JSON texts are the same value.
func sameJSON(t *testing.T, a, b []byte) bool {
	t.Helper()
	var x, y any
	if err := json.Unmarshal(a, &x); err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(b, &y); err != nil {
		t.Fatal(err)
	}
	return reflect.DeepEqual(x, y)
}

// captureStdout runs f and returns what it wrote to os.Stdout.
func captureStdout(t *testing.T, f func()) string {
	t.Helper()
	r, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	stdout := os.Stdout
	os.Stdout = w
	defer func() { os.Stdout = stdout }()
	done := make(chan []byte)
	go func() {
		b, _ := io.ReadAll(r)
		done <- b
	}()
	f()
	w.Close()
	out := <-done
	r.Close()
	return string(out)
}
