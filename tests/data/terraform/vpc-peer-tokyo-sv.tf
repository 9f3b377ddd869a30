# Written by `peerplan plan --format terraform` from vpc-peer-tokyo-sv.xml (scenario vpc-peer-tokyo-silicon-valley).
# peerplan's plan runs: every step passed and no finding is an error.
# The resources below make the calls of peerplan's runbook, in its order,
# with provider aliyun/alicloud; the VPCs exist already and are looked up.
# Set the variables (the VPC ids default to the scenario's), read
# docs/terraform.md ("Writing Terraform": what is unconfirmed), then
# terraform init && terraform plan.

terraform {
  required_providers {
    alicloud = {
      source  = "aliyun/alicloud"
      version = ">= 1.199.0"
    }
  }
}

variable "account_a_uid" {
  description = "UID of account A (the Alibaba Cloud account, not a RAM user)"
  type        = string
  default     = "1111111111111111"
}

variable "account_b_uid" {
  description = "UID of account B (the Alibaba Cloud account, not a RAM user)"
  type        = string
  default     = "2222222222222222"
}

variable "assume_role_name" {
  description = "RAM role that the credentials running Terraform assume in every account (acs:ram::UID:role/NAME)"
  type        = string
}

variable "vpc_tokyo_id" {
  description = "Id of the existing VPC vpc-tokyo (account A, ap-northeast-1, 172.16.0.0/16)"
  type        = string
  default     = "vpc-tokyo"
}

variable "vsw_tokyo_id" {
  description = "Id of the existing vSwitch vsw-tokyo of vpc-tokyo (ap-northeast-1a, 172.16.0.0/24)"
  type        = string
  default     = "vsw-tokyo"
}

variable "vpc_sv_id" {
  description = "Id of the existing VPC vpc-sv (account B, us-west-1, 192.168.0.0/16)"
  type        = string
  default     = "vpc-sv"
}

variable "vsw_sv_id" {
  description = "Id of the existing vSwitch vsw-sv of vpc-sv (us-west-1a, 192.168.0.0/24)"
  type        = string
  default     = "vsw-sv"
}

# Account A (uid 1111111111111111) in ap-northeast-1.
provider "alicloud" {
  alias  = "a_ap_northeast_1"
  region = "ap-northeast-1"

  assume_role {
    role_arn = "acs:ram::${var.account_a_uid}:role/${var.assume_role_name}"
  }
}

# Account B (uid 2222222222222222) in us-west-1.
provider "alicloud" {
  alias  = "b_us_west_1"
  region = "us-west-1"

  assume_role {
    role_arn = "acs:ram::${var.account_b_uid}:role/${var.assume_role_name}"
  }
}

# The account each alias reaches, as its credentials say (GetCallerIdentity).
data "alicloud_account" "a_ap_northeast_1" {
  provider = alicloud.a_ap_northeast_1
}

data "alicloud_account" "b_us_west_1" {
  provider = alicloud.b_us_west_1
}

# VPC vpc-tokyo exists: its router and system route table.
data "alicloud_vpcs" "vpc_tokyo" {
  provider   = alicloud.a_ap_northeast_1
  ids        = [var.vpc_tokyo_id]
  cidr_block = "172.16.0.0/16"
}

# vSwitch vsw-tokyo of vpc-tokyo exists where peerplan checked it.
data "alicloud_vswitches" "vsw_tokyo" {
  provider   = alicloud.a_ap_northeast_1
  ids        = [var.vsw_tokyo_id]
  vpc_id     = var.vpc_tokyo_id
  zone_id    = "ap-northeast-1a"
  cidr_block = "172.16.0.0/24"
}

# VPC vpc-sv exists: its router and system route table.
data "alicloud_vpcs" "vpc_sv" {
  provider   = alicloud.b_us_west_1
  ids        = [var.vpc_sv_id]
  cidr_block = "192.168.0.0/16"
}

# vSwitch vsw-sv of vpc-sv exists where peerplan checked it.
data "alicloud_vswitches" "vsw_sv" {
  provider   = alicloud.b_us_west_1
  ids        = [var.vsw_sv_id]
  vpc_id     = var.vpc_sv_id
  zone_id    = "us-west-1a"
  cidr_block = "192.168.0.0/24"
}

# A requests the VPC peering tokyo-sv from vpc-tokyo (ap-northeast-1) to vpc-sv (us-west-1, account B): it waits in Accepting until the accepter accepts
resource "alicloud_vpc_peer_connection" "tokyo_sv_peering" {
  provider            = alicloud.a_ap_northeast_1
  vpc_id              = var.vpc_tokyo_id
  accepting_ali_uid   = var.account_b_uid
  accepting_region_id = "us-west-1"
  accepting_vpc_id    = var.vpc_sv_id
  bandwidth           = 1024
  link_type           = "Gold"
  description         = "peerplan tokyo-sv/peering"
}

# B, the accepter, accepts tokyo-sv
resource "alicloud_vpc_peer_connection_accepter" "tokyo_sv_peering" {
  provider    = alicloud.b_us_west_1
  instance_id = alicloud_vpc_peer_connection.tokyo_sv_peering.id
}

# A adds the route 192.168.0.0/24 to vpc-tokyo's route table, next hop the peering
resource "alicloud_route_entry" "tokyo_sv_route_1" {
  provider              = alicloud.a_ap_northeast_1
  route_table_id        = data.alicloud_vpcs.vpc_tokyo.vpcs[0].route_table_id
  destination_cidrblock = "192.168.0.0/24"
  nexthop_type          = "VpcPeer"
  nexthop_id            = alicloud_vpc_peer_connection.tokyo_sv_peering.id
  description           = "peerplan tokyo-sv/route-1"

  depends_on = [alicloud_vpc_peer_connection_accepter.tokyo_sv_peering]
}

# B adds the route 172.16.0.0/24 to vpc-sv's route table, next hop the peering
resource "alicloud_route_entry" "tokyo_sv_route_2" {
  provider              = alicloud.b_us_west_1
  route_table_id        = data.alicloud_vpcs.vpc_sv.vpcs[0].route_table_id
  destination_cidrblock = "172.16.0.0/24"
  nexthop_type          = "VpcPeer"
  nexthop_id            = alicloud_vpc_peer_connection.tokyo_sv_peering.id
  description           = "peerplan tokyo-sv/route-2"

  depends_on = [alicloud_vpc_peer_connection_accepter.tokyo_sv_peering]
}
