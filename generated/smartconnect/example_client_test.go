package smartconnect_test

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/dmsgen/dmsgen/generated/smartconnect"
	"github.com/dmsgen/dmsgen/generated/smartconnect/smartconnecttest"
)

// Page through every task of an instance: ask for limit tasks from offset
// on, and move offset on by what came, until a page comes back short.
// total_number tells how many there are in all. The fake stands in for the
// service, with five tasks.
func ExampleClient_ListConnectorTasks() {
	f := smartconnecttest.New(smartconnecttest.WithSmartConnect("my-instance"))
	for i := 1; i <= 5; i++ {
		req := &smartconnect.CreateConnectorTaskRequest{
			TaskName:   smartconnect.Ptr("task-" + strconv.Itoa(i)),
			SourceType: smartconnect.Ptr(smartconnect.SourceTypeNone),
			SinkType:   smartconnect.Ptr(smartconnect.SinkTypeNone),
		}
		if _, err := f.CreateConnectorTask(context.Background(), smartconnect.CreateConnectorTaskParams{ProjectID: "my-project", InstanceID: "my-instance"}, req); err != nil {
			fmt.Println(err)
			return
		}
	}
	srv := f.Server()
	defer srv.Close()

	c, err := smartconnect.NewClient(srv.URL)
	if err != nil {
		fmt.Println(err)
		return
	}
	const limit = 2
	for offset := int32(0); ; {
		page, err := c.ListConnectorTasks(context.Background(), smartconnect.ListConnectorTasksParams{
			ProjectID:  "my-project",
			InstanceID: "my-instance",
			Offset:     smartconnect.Ptr(offset),
			Limit:      smartconnect.Ptr[int32](limit),
		})
		if err != nil {
			fmt.Println(err)
			return
		}
		var names []string
		for _, task := range page.Tasks {
			names = append(names, *task.TaskName)
		}
		fmt.Printf("offset %d: %s (of %d)\n", offset, strings.Join(names, ", "), *page.TotalNumber)
		offset += int32(len(page.Tasks))
		if len(page.Tasks) < limit || offset >= *page.TotalNumber {
			break
		}
	}
	// Output:
	// offset 0: task-1, task-2 (of 5)
	// offset 2: task-3, task-4 (of 5)
	// offset 4: task-5 (of 5)
}

// Smart Connect must be switched on for an instance before it runs tasks:
// CreateConnector starts a job that does it, and tasks can be created from
// then on. Before, the service refuses them with a 400.
func ExampleClient_CreateConnector() {
	f := smartconnecttest.New()
	srv := f.Server()
	defer srv.Close()
	c, err := smartconnect.NewClient(srv.URL)
	if err != nil {
		fmt.Println(err)
		return
	}
	ctx := context.Background()
	task := &smartconnect.CreateConnectorTaskRequest{
		TaskName:   smartconnect.Ptr("smart-connect-1"),
		SourceType: smartconnect.Ptr(smartconnect.SourceTypeNone),
		SinkType:   smartconnect.Ptr(smartconnect.SinkTypeNone),
	}
	taskParams := smartconnect.CreateConnectorTaskParams{ProjectID: "my-project", InstanceID: "my-instance"}

	_, err = c.CreateConnectorTask(ctx, taskParams, task)
	var apiErr *smartconnect.APIError
	if errors.As(err, &apiErr) {
		fmt.Println("before:", apiErr.StatusCode, apiErr.Code)
	}

	job, err := c.CreateConnector(ctx, smartconnect.CreateConnectorParams{ProjectID: "my-project", InstanceID: "my-instance"}, &smartconnect.CreateConnectorRequest{
		NodeCnt: smartconnect.Ptr[int32](2),
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println("job:", job.JobID != nil, "connector:", job.ConnectorID != nil)

	created, err := c.CreateConnectorTask(ctx, taskParams, task)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println("after:", *created.TaskName, *created.Status)
	// Output:
	// before: 400 DMS.00400026
	// job: true connector: true
	// after: smart-connect-1 RUNNING
}

// Creating a task from a module of your own, after
//
//	go get github.com/dmsgen/dmsgen/generated@latest
//
// Make one Client for the endpoint of your region with your AK/SK (the
// fake stands in for the service here, and checks the signature), build the
// request with Ptr and NewSecret, and send it. A request that breaks the
// page's rules is a *ValidationError and is not sent; an answer of the
// service other than success is an *APIError.
func ExampleClient_CreateConnectorTask() {
	const accessKey, secretKey = "my-access-key", "my-secret-key" // in real code: from the environment
	f := smartconnecttest.New(
		smartconnecttest.WithCredentials(accessKey, secretKey),
		smartconnecttest.WithSmartConnect("my-instance"),
		smartconnecttest.WithClock(func() time.Time { return time.UnixMilli(1708427753133) }),
	)
	srv := f.Server()
	defer srv.Close()
	endpoint := srv.URL // in real code: "https://dms.<region>.<cloud domain>"

	c, err := smartconnect.NewClient(endpoint,
		smartconnect.WithAKSK(accessKey, secretKey),
		smartconnect.WithUserAgent("my-app/1.0"),
	)
	if err != nil {
		fmt.Println(err)
		return
	}
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()

	req := &smartconnect.CreateConnectorTaskRequest{
		TaskName:   smartconnect.Ptr("smart-connect-3"),
		StartLater: smartconnect.Ptr(false),
		Topics:     smartconnect.Ptr("topic-sc-3"),
		SourceType: smartconnect.Ptr(smartconnect.SourceTypeRedisReplicatorSource),
		SourceTask: &smartconnect.SmartConnectTaskReqSourceConfig{
			RedisAddress:     smartconnect.Ptr("192.168.99.249:6379"),
			RedisType:        smartconnect.Ptr("cluster"),
			SyncMode:         smartconnect.Ptr(smartconnect.SyncModeRDBOnly),
			FullSyncWaitMS:   smartconnect.Ptr[int32](10000),
			FullSyncMaxRetry: smartconnect.Ptr[int32](10),
			Ratelimit:        smartconnect.Ptr[int32](10),
		},
		SinkType: smartconnect.Ptr(smartconnect.SinkTypeRedisReplicatorSink),
		SinkTask: &smartconnect.SmartConnectTaskReqSinkConfig{
			RedisAddress:  smartconnect.Ptr("192.168.119.51:6379"),
			RedisType:     smartconnect.Ptr("standalone"),
			RedisPassword: smartconnect.NewSecret("sink-password"),
		},
	}
	params := smartconnect.CreateConnectorTaskParams{ProjectID: "my-project", InstanceID: "my-instance"}

	create := func() {
		task, err := c.CreateConnectorTask(ctx, params, req)
		var ve *smartconnect.ValidationError
		var apiErr *smartconnect.APIError
		switch {
		case errors.As(err, &ve):
			for _, v := range ve.Violations {
				fmt.Println("invalid:", v)
			}
		case errors.As(err, &apiErr):
			fmt.Println("refused:", apiErr.StatusCode, apiErr.Code, apiErr.RequestID != "")
		case err != nil:
			fmt.Println("failed:", err) // the network, or the context
		default:
			fmt.Println("created:", *task.TaskName, *task.Status, *task.CreateTime)
		}
	}
	create() // the source's password is missing
	req.SourceTask.RedisPassword = smartconnect.NewSecret("source-password")
	create()
	// Output:
	// invalid: /source_task/redis_password: required when source_type is REDIS_REPLICATOR_SOURCE
	// created: smart-connect-3 RUNNING 1708427753133
}
