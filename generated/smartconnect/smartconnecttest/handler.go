package smartconnecttest

import (
	"context"
	"net/http"

	"github.com/dmsgen/dmsgen/generated/smartconnect"
)

// Fake serves every operation of the API.
var _ smartconnect.Handler = (*Fake)(nil)

// The documented defaults of the target settings, which the Fake fills in
// as the service does (see the page's list example).
const (
	defaultOBSPartSize          = 5242880
	defaultSchemaGeneratorClass = "io.confluent.connect.storage.hive.schema.DefaultSchemaGenerator"
	defaultPartitionerClass     = "io.confluent.connect.storage.partitioner.TimeBasedPartitioner"
	defaultConverter            = "org.apache.kafka.connect.converters.ByteArrayConverter"
	defaultKvDelimiter          = ":"
	defaultTargetDB             = -1
)

// CreateConnector switches Smart Connect on for the instance and returns a
// new job_id and connector_id; it is an *smartconnect.APIError, 400
// CodeStatus, when Smart Connect is on already.
func (f *Fake) CreateConnector(_ context.Context, p smartconnect.CreateConnectorParams, _ *smartconnect.CreateConnectorRequest) (*smartconnect.CreateConnectorResponse, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	in := f.instance(p.InstanceID)
	if in.connectorID != "" {
		return nil, statusError("Smart Connect is already enabled for the instance")
	}
	in.connectorID = newUUID()
	return &smartconnect.CreateConnectorResponse{JobID: smartconnect.Ptr(newUUID()), ConnectorID: smartconnect.Ptr(in.connectorID)}, nil
}

// DeleteConnector switches Smart Connect off for the instance, deleting its
// tasks, and returns a new job_id; it is 400 CodeStatus when Smart Connect
// is off.
func (f *Fake) DeleteConnector(_ context.Context, p smartconnect.DeleteConnectorParams) (*smartconnect.DeleteConnectorResponse, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	in, err := f.enabledInstance(p.InstanceID)
	if err != nil {
		return nil, err
	}
	in.connectorID = ""
	in.tasks = nil
	return &smartconnect.DeleteConnectorResponse{JobID: smartconnect.Ptr(newUUID())}, nil
}

// CreateConnectorTask stores a new task built from body and returns it (see
// the package documentation); it is 400 CodeStatus when Smart Connect is
// off, 400 CodeQuota when the instance has the most tasks it may have, and
// 400 CodeEmptyBody for a nil body.
func (f *Fake) CreateConnectorTask(_ context.Context, p smartconnect.CreateConnectorTaskParams, body *smartconnect.CreateConnectorTaskRequest) (*smartconnect.SmartConnectTaskEntity, error) {
	if body == nil {
		return nil, apiError(http.StatusBadRequest, CodeEmptyBody, "The request body is empty.")
	}
	data, err := smartconnect.EncodeSmartConnectTaskEntity(newEntity(body))
	if err != nil {
		return nil, err
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	in, err := f.enabledInstance(p.InstanceID)
	if err != nil {
		return nil, err
	}
	if len(in.tasks) >= int(f.cfg.maxTasks) {
		return nil, apiError(http.StatusBadRequest, CodeQuota, "The quota limit has been reached.")
	}
	t := &task{id: newUUID(), status: StatusRunning, created: f.cfg.now().UnixMilli(), body: data}
	if body.StartLater != nil && *body.StartLater {
		t.status = StatusWaiting
	}
	in.tasks = append(in.tasks, t)
	return t.entity()
}

// ListConnectorTasks returns a page of the instance's tasks, oldest first:
// p.Offset (0 when nil) are skipped, at most p.Limit (10 when nil) are
// returned; it is 400 CodeStatus when Smart Connect is off.
func (f *Fake) ListConnectorTasks(_ context.Context, p smartconnect.ListConnectorTasksParams) (*smartconnect.ListConnectorTasksResponse, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	in, err := f.enabledInstance(p.InstanceID)
	if err != nil {
		return nil, err
	}
	offset, limit := 0, defaultLimit
	if p.Offset != nil {
		offset = max(int(*p.Offset), 0)
	}
	if p.Limit != nil {
		limit = max(int(*p.Limit), 0)
	}
	page := in.tasks[min(offset, len(in.tasks)):]
	page = page[:min(limit, len(page))]
	out := &smartconnect.ListConnectorTasksResponse{
		Tasks:       make([]smartconnect.SmartConnectTaskEntity, 0, len(page)),
		TotalNumber: smartconnect.Ptr(int32(len(in.tasks))),
		MaxTasks:    smartconnect.Ptr(f.cfg.maxTasks),
		QuotaTasks:  smartconnect.Ptr(f.cfg.quotaTasks),
	}
	for _, t := range page {
		e, err := t.entity()
		if err != nil {
			return nil, err
		}
		out.Tasks = append(out.Tasks, *e)
	}
	return out, nil
}

// ShowConnectorTask returns the task; it is 400 CodeStatus when Smart
// Connect is off, 400 CodeInvalidTaskID for a task ID that is not
// UUID-shaped and 404 CodeNotFound for a task the instance does not have.
func (f *Fake) ShowConnectorTask(_ context.Context, p smartconnect.ShowConnectorTaskParams) (*smartconnect.SmartConnectTaskEntity, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	_, t, err := f.task(p.InstanceID, p.TaskID)
	if err != nil {
		return nil, err
	}
	return t.entity()
}

// DeleteConnectorTask deletes the task, in any status; its errors are
// ShowConnectorTask's.
func (f *Fake) DeleteConnectorTask(_ context.Context, p smartconnect.DeleteConnectorTaskParams) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	in, t, err := f.task(p.InstanceID, p.TaskID)
	if err != nil {
		return err
	}
	for i, u := range in.tasks {
		if u == t {
			in.tasks = append(in.tasks[:i:i], in.tasks[i+1:]...)
			break
		}
	}
	return nil
}

// PauseConnectorTask pauses a running task; it is 400 CodeStatus for a task
// in another status, and has ShowConnectorTask's errors.
func (f *Fake) PauseConnectorTask(_ context.Context, p smartconnect.PauseConnectorTaskParams) error {
	return f.transition(p.InstanceID, p.TaskID, StatusPaused, StatusRunning)
}

// ResumeConnectorTask resumes a paused task; it is 400 CodeStatus for a task
// in another status (RestartConnectorTask starts one that has not run yet),
// and has ShowConnectorTask's errors.
func (f *Fake) ResumeConnectorTask(_ context.Context, p smartconnect.ResumeConnectorTaskParams) error {
	return f.transition(p.InstanceID, p.TaskID, StatusRunning, StatusPaused)
}

// RestartConnectorTask starts a task that has not run yet, or starts a
// paused or running one over; it has ShowConnectorTask's errors.
func (f *Fake) RestartConnectorTask(_ context.Context, p smartconnect.RestartConnectorTaskParams) error {
	return f.transition(p.InstanceID, p.TaskID, StatusRunning, StatusWaiting, StatusPaused, StatusRunning)
}

// transition sets the status of a task to to when its status is one of
// from, and is 400 CodeStatus otherwise.
func (f *Fake) transition(instanceID, taskID, to string, from ...string) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	_, t, err := f.task(instanceID, taskID)
	if err != nil {
		return err
	}
	for _, s := range from {
		if t.status == s {
			t.status = to
			return nil
		}
	}
	return statusError("the task is " + t.status)
}

// instance returns the state of the instance, made when it is new; f.mu is
// held.
func (f *Fake) instance(id string) *instance {
	in, ok := f.instances[id]
	if !ok {
		in = &instance{}
		f.instances[id] = in
	}
	return in
}

// enabledInstance returns the state of the instance, or 400 CodeStatus when
// its Smart Connect is off; f.mu is held.
func (f *Fake) enabledInstance(id string) (*instance, error) {
	in := f.instance(id)
	if in.connectorID == "" {
		return nil, statusError("Smart Connect is not enabled for the instance")
	}
	return in, nil
}

// task finds a task of an instance whose Smart Connect is on; f.mu is held.
func (f *Fake) task(instanceID, taskID string) (*instance, *task, error) {
	in, err := f.enabledInstance(instanceID)
	if err != nil {
		return nil, nil, err
	}
	if !uuidShaped(taskID) {
		return nil, nil, apiError(http.StatusBadRequest, CodeInvalidTaskID, "Invalid task ID format.")
	}
	for _, t := range in.tasks {
		if t.id == taskID {
			return in, t, nil
		}
	}
	return nil, nil, apiError(http.StatusNotFound, CodeNotFound, "The requested URL does not exist: the instance has no task "+taskID+".")
}

// entity returns a new SmartConnectTaskEntity of t.
func (t *task) entity() (*smartconnect.SmartConnectTaskEntity, error) {
	e, err := smartconnect.DecodeSmartConnectTaskEntity(t.body)
	if err != nil {
		return nil, err
	}
	e.ID = smartconnect.Ptr(t.id)
	e.Status = smartconnect.Ptr(t.status)
	e.CreateTime = smartconnect.Ptr(t.created)
	return e, nil
}

// apiError returns the error a Handler method answers with.
func apiError(status int, code, msg string) *smartconnect.APIError {
	return &smartconnect.APIError{StatusCode: status, Code: code, Message: msg}
}

// statusError returns the 400 CodeStatus error, saying why.
func statusError(why string) *smartconnect.APIError {
	return apiError(http.StatusBadRequest, CodeStatus, "This operation is not allowed due to the instance status: "+why+".")
}

// newEntity returns what the service reports of a task created from r, but
// its ID, status and create_time. The pointers it holds are r's.
func newEntity(r *smartconnect.CreateConnectorTaskRequest) *smartconnect.SmartConnectTaskEntity {
	return &smartconnect.SmartConnectTaskEntity{
		TaskName:    r.TaskName,
		Topics:      r.Topics,
		TopicsRegex: r.TopicsRegex,
		SourceType:  r.SourceType,
		SourceTask:  sourceOf(r.SourceTask),
		SinkType:    r.SinkType,
		SinkTask:    sinkOf(r.SinkType, r.SinkTask),
	}
}

// sourceOf returns the source settings the service reports for s, without
// its secrets; null when there are none.
func sourceOf(s *smartconnect.SmartConnectTaskReqSourceConfig) *smartconnect.Nullable[smartconnect.SmartConnectTaskRespSourceConfig] {
	if s == nil {
		return &smartconnect.Nullable[smartconnect.SmartConnectTaskRespSourceConfig]{Null: true}
	}
	out := smartconnect.SmartConnectTaskRespSourceConfig{
		RedisAddress:               s.RedisAddress,
		RedisType:                  s.RedisType,
		DCSInstanceID:              s.DCSInstanceID,
		SyncMode:                   s.SyncMode,
		FullSyncWaitMS:             s.FullSyncWaitMS,
		FullSyncMaxRetry:           s.FullSyncMaxRetry,
		Ratelimit:                  s.Ratelimit,
		CurrentClusterName:         s.CurrentClusterName,
		ClusterName:                s.ClusterName,
		UserName:                   s.UserName,
		SASLMechanism:              s.SASLMechanism,
		InstanceID:                 s.InstanceID,
		BootstrapServers:           s.BootstrapServers,
		SecurityProtocol:           s.SecurityProtocol,
		Direction:                  s.Direction,
		SyncConsumerOffsetsEnabled: s.SyncConsumerOffsetsEnabled,
		ReplicationFactor:          s.ReplicationFactor,
		TaskNum:                    s.TaskNum,
		RenameTopicEnabled:         s.RenameTopicEnabled,
		ProvenanceHeaderEnabled:    s.ProvenanceHeaderEnabled,
		ConsumerStrategy:           s.ConsumerStrategy,
		CompressionType:            s.CompressionType,
		TopicsMapping:              s.TopicsMapping,
	}
	return &smartconnect.Nullable[smartconnect.SmartConnectTaskRespSourceConfig]{Value: out}
}

// sinkOf returns the target settings the service reports for s, without its
// secrets and with the documented defaults of its type; null when there are
// none.
func sinkOf(typ *smartconnect.SinkType, s *smartconnect.SmartConnectTaskReqSinkConfig) *smartconnect.Nullable[smartconnect.SmartConnectTaskRespSinkConfig] {
	if s == nil {
		return &smartconnect.Nullable[smartconnect.SmartConnectTaskRespSinkConfig]{Null: true}
	}
	out := smartconnect.SmartConnectTaskRespSinkConfig{
		RedisAddress:        s.RedisAddress,
		RedisType:           s.RedisType,
		DCSInstanceID:       s.DCSInstanceID,
		ConsumerStrategy:    s.ConsumerStrategy,
		DestinationFileType: s.DestinationFileType,
		DeliverTimeInterval: s.DeliverTimeInterval,
		OBSBucketName:       s.OBSBucketName,
		OBSPath:             s.OBSPath,
		PartitionFormat:     s.PartitionFormat,
		RecordDelimiter:     s.RecordDelimiter,
		StoreKeys:           s.StoreKeys,
	}
	switch {
	case typ == nil:
	case *typ == smartconnect.SinkTypeOBSSink:
		out.OBSPartSize = smartconnect.Ptr[int32](defaultOBSPartSize)
		out.SchemaGeneratorClass = smartconnect.Ptr(defaultSchemaGeneratorClass)
		out.PartitionerClass = smartconnect.Ptr(defaultPartitionerClass)
		out.ValueConverter = smartconnect.Ptr(defaultConverter)
		out.KeyConverter = smartconnect.Ptr(defaultConverter)
		out.KvDelimiter = smartconnect.Ptr(defaultKvDelimiter)
	case *typ == smartconnect.SinkTypeRedisReplicatorSink:
		out.TargetDB = smartconnect.Ptr[int32](defaultTargetDB)
	}
	return &smartconnect.Nullable[smartconnect.SmartConnectTaskRespSinkConfig]{Value: out}
}
