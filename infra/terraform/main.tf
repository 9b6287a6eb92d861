# Cachalot with Terraform's standard AWS provider: the ElastiCache endpoint points at Cachalot,
# and the checks the provider would make against AWS's own services (STS, IMDS, the region
# list) are switched off. Start a region (bin/local-region), then:
#
#   export TF_VAR_access_key=... TF_VAR_secret_key=...   # from ~/.cachalot/credentials
#   terraform init && terraform apply
#
# The same calls this configuration makes are replayed with the AWS SDK for Java in
# integration-tests' TerraformReplayTest, which runs in every build.

terraform {
  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = ">= 5.0"
    }
  }
}

variable "endpoint" {
  description = "Cachalot's AWS API endpoint"
  type        = string
  default     = "http://localhost:8080"
}

variable "region" {
  description = "Cachalot's region name"
  type        = string
  default     = "local-1"
}

variable "access_key" {
  type      = string
  sensitive = true
}

variable "secret_key" {
  type      = string
  sensitive = true
}

provider "aws" {
  region     = var.region
  access_key = var.access_key
  secret_key = var.secret_key

  endpoints {
    elasticache = var.endpoint
  }

  skip_credentials_validation = true
  skip_requesting_account_id  = true
  skip_metadata_api_check     = true
  skip_region_validation      = true
}

resource "aws_elasticache_parameter_group" "demo" {
  name   = "tf-params"
  family = "redis7"

  parameter {
    name  = "maxmemory-policy"
    value = "allkeys-lru"
  }

  tags = {
    team = "platform"
  }
}

# In Cachalot a subnet is one availability zone's pool of hosts: subnet-<zone>.
resource "aws_elasticache_subnet_group" "demo" {
  name       = "tf-subnets"
  subnet_ids = ["subnet-local-1a"]
}

resource "aws_elasticache_cluster" "demo" {
  cluster_id           = "tf-demo"
  engine               = "redis"
  engine_version       = "7.1"
  node_type            = "cache.t4g.micro"
  num_cache_nodes      = 1
  parameter_group_name = aws_elasticache_parameter_group.demo.name
  subnet_group_name    = aws_elasticache_subnet_group.demo.name
  apply_immediately    = true

  tags = {
    team = "platform"
  }
}

output "endpoint" {
  value = "${aws_elasticache_cluster.demo.cache_nodes[0].address}:${aws_elasticache_cluster.demo.cache_nodes[0].port}"
}
