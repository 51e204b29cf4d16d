package smartconnecttest_test

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/dmsgen/dmsgen/generated/smartconnect"
	"github.com/dmsgen/dmsgen/generated/smartconnect/smartconnecttest"
)

// A test starts the fake, points a Client at it and runs the code under
// test; afterwards it can look at what the fake was sent. Here the fake
// checks signatures and the project header, as the service does, and dates
// tasks with a fixed clock.
func Example() {
	created := time.UnixMilli(1708427753133)
	f := smartconnecttest.New(
		smartconnecttest.WithCredentials("test-ak", "test-sk"),
		smartconnecttest.WithProjectCheck(),
		smartconnecttest.WithClock(func() time.Time { return created }),
	)
	srv := f.Server()
	defer srv.Close()

	c, err := smartconnect.NewClient(srv.URL, smartconnect.WithAKSK("test-ak", "test-sk"))
	if err != nil {
		fmt.Println(err)
		return
	}
	ctx := context.Background()
	params := smartconnect.CreateConnectorTaskParams{ProjectID: "my-project", InstanceID: "my-instance"}
	req := &smartconnect.CreateConnectorTaskRequest{
		TaskName:    smartconnect.Ptr("smart-connect-1"),
		StartLater:  smartconnect.Ptr(true),
		TopicsRegex: smartconnect.Ptr("topic-obs*"),
		SourceType:  smartconnect.Ptr(smartconnect.SourceTypeNone),
		SinkType:    smartconnect.Ptr(smartconnect.SinkTypeOBSSink),
		SinkTask: &smartconnect.SmartConnectTaskReqSinkConfig{
			ConsumerStrategy:    smartconnect.Ptr(smartconnect.ConsumerStrategyEarliest),
			DestinationFileType: smartconnect.Ptr(smartconnect.DestinationFileTypeText),
			DeliverTimeInterval: smartconnect.Ptr[int32](300),
			AccessKey:           smartconnect.NewSecret("obs-ak"),
			SecretKey:           smartconnect.NewSecret("obs-sk"),
			OBSBucketName:       smartconnect.Ptr("obs_bucket"),
			OBSPath:             smartconnect.Ptr("obsTransfer-1810125534"),
			PartitionFormat:     smartconnect.Ptr(smartconnect.PartitionFormatMinute),
			RecordDelimiter:     smartconnect.Ptr(smartconnect.RecordDelimiterNewline),
			StoreKeys:           smartconnect.Ptr(false),
		},
	}

	// Smart Connect is off until CreateConnector switches it on.
	_, err = c.CreateConnectorTask(ctx, params, req)
	var apiErr *smartconnect.APIError
	if errors.As(err, &apiErr) {
		fmt.Println("before enabling:", apiErr.StatusCode, apiErr.Code)
	}
	if _, err := c.CreateConnector(ctx, smartconnect.CreateConnectorParams{ProjectID: "my-project", InstanceID: "my-instance"}, &smartconnect.CreateConnectorRequest{NodeCnt: smartconnect.Ptr[int32](2)}); err != nil {
		fmt.Println(err)
		return
	}
	task, err := c.CreateConnectorTask(ctx, params, req)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println("created:", *task.TaskName, *task.Status, *task.CreateTime, *task.SinkTask.Value.OBSPartSize)

	// A task created with start_later runs once it is restarted.
	if err := c.RestartConnectorTask(ctx, smartconnect.RestartConnectorTaskParams{ProjectID: "my-project", InstanceID: "my-instance", TaskID: *task.ID}); err != nil {
		fmt.Println(err)
		return
	}
	for _, r := range f.Requests() {
		fmt.Println(r.Status, r.Operation, r.Header.Get("Authorization"))
	}
	// Output:
	// before enabling: 400 DMS.00400026
	// created: smart-connect-1 WAITING 1708427753133 5242880
	// 400 CreateConnectorTask [REDACTED]
	// 200 CreateConnector [REDACTED]
	// 200 CreateConnectorTask [REDACTED]
	// 204 RestartConnectorTask [REDACTED]
}

// FailNext makes the fake answer the next requests of an operation with an
// error, here twice 503 for ListConnectorTasks, which the Client retries
// since the request is a GET.
func ExampleFake_FailNext() {
	f := smartconnecttest.New(smartconnecttest.WithSmartConnect("my-instance"))
	srv := f.Server()
	defer srv.Close()
	c, err := smartconnect.NewClient(srv.URL, smartconnect.WithRetry(smartconnect.RetryPolicy{BaseDelay: time.Millisecond}))
	if err != nil {
		fmt.Println(err)
		return
	}

	f.FailNext("ListConnectorTasks", 503, 2)
	list, err := c.ListConnectorTasks(context.Background(), smartconnect.ListConnectorTasksParams{ProjectID: "my-project", InstanceID: "my-instance"})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println("tasks:", *list.TotalNumber)
	for _, r := range f.Requests() {
		fmt.Println(r.Status, r.Operation)
	}
	// Output:
	// tasks: 0
	// 503 ListConnectorTasks
	// 503 ListConnectorTasks
	// 200 ListConnectorTasks
}
