// Command consumer builds the Redis replication request of the Smart
// Connect documentation, validates it and prints the JSON to send.
package main

import (
	"errors"
	"fmt"
	"os"

	"github.com/dmsgen/dmsgen/generated/smartconnect"
)

func main() {
	req := smartconnect.CreateConnectorTaskRequest{
		TaskName:   smartconnect.Ptr("smart-connect-3"),
		StartLater: smartconnect.Ptr(false),
		Topics:     smartconnect.Ptr("topic-sc-3"),
		SourceType: smartconnect.Ptr(smartconnect.SourceTypeRedisReplicatorSource),
		SourceTask: &smartconnect.SmartConnectTaskReqSourceConfig{
			RedisAddress:     smartconnect.Ptr("192.168.99.249:6379"),
			RedisType:        smartconnect.Ptr("standalone"),
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
		var ve *smartconnect.ValidationError
		if errors.As(err, &ve) {
			for _, v := range ve.Violations {
				fmt.Fprintln(os.Stderr, v)
			}
		}
		os.Exit(1)
	}
	body, err := smartconnect.EncodeCreateConnectorTaskRequest(&req)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	fmt.Printf("%s\n", body)
}
